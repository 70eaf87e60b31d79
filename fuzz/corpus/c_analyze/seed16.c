// Sensor gateway connected with a device connection string; reports its device information.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "azure_c_shared_utility/threadapi.h"
#include "iothub.h"
#include "iothub_device_client_ll.h"
#include "iothub_client_options.h"
#include "iothub_message.h"
#include "iothubtransportmqtt.h"

#include "device_info.h"

static const char* connectionString = "[device connection string]";

static const char g_deviceInfoFormat[] =
    "{\"deviceInformation\":{\"__t\":\"c\","
    "\"manufacturer\":\"" DEVICE_MANUFACTURER "\","
    "\"model\":\"" DEVICE_MODEL "\","
    "\"swVersion\":\"" DEVICE_SW_VERSION "\","
    "\"osName\":\"" DEVICE_OS_NAME "\","
    "\"processorArchitecture\":\"" DEVICE_PROCESSOR_ARCH "\","
    "\"totalStorage\":%d,\"totalMemory\":%d}}";

static void reported_state_callback(int status_code, void* user_context)
{
    (void)user_context;
    (void)printf("reported state acknowledged: %d\r\n", status_code);
}

static void send_device_information(IOTHUB_DEVICE_CLIENT_LL_HANDLE client)
{
    char buffer[512];
    int len = snprintf(buffer, sizeof(buffer), g_deviceInfoFormat, DEVICE_TOTAL_STORAGE_KB, DEVICE_TOTAL_MEMORY_KB);
    if (len > 0 && (size_t)len < sizeof(buffer))
    {
        (void)IoTHubDeviceClient_LL_SendReportedState(client, (const unsigned char*)buffer, (size_t)len, reported_state_callback, NULL);
    }
}

static void send_heartbeat(IOTHUB_DEVICE_CLIENT_LL_HANDLE client, unsigned long uptime)
{
    char body[128];
    IOTHUB_MESSAGE_HANDLE msg;

    (void)snprintf(body, sizeof(body), "{\"uptime\":%lu,\"model\":\"%s\"}", uptime, DEVICE_MODEL);
    msg = IoTHubMessage_CreateFromString(body);
    if (msg != NULL)
    {
        (void)IoTHubMessage_SetContentTypeSystemProperty(msg, "application%2fjson");
        (void)IoTHubMessage_SetContentEncodingSystemProperty(msg, "utf-8");
        (void)IoTHubDeviceClient_LL_SendEventAsync(client, msg, NULL, NULL);
        IoTHubMessage_Destroy(msg);
    }
}

int main(void)
{
    IOTHUB_DEVICE_CLIENT_LL_HANDLE client;
    unsigned long uptime = 0;

    if (IoTHub_Init() != 0)
    {
        return 1;
    }

    client = IoTHubDeviceClient_LL_CreateFromConnectionString(connectionString, MQTT_Protocol);
    if (client == NULL)
    {
        (void)printf("could not create the client\r\n");
        IoTHub_Deinit();
        return 1;
    }

    (void)IoTHubDeviceClient_LL_SetOption(client, OPTION_MODEL_ID, PNP_MODEL_ID);
    send_device_information(client);

    for (;;)
    {
        if (uptime % 60 == 0)
        {
            send_heartbeat(client, uptime);
        }
        IoTHubDeviceClient_LL_DoWork(client);
        ThreadAPI_Sleep(1000);
        uptime++;
    }

    IoTHubDeviceClient_LL_Destroy(client);
    IoTHub_Deinit();
    return 0;
}

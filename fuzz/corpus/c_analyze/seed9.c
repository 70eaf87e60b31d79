// Door sensor on HTTP (corporate proxy blocks 8883): the Model ID option is set but HTTP never sends it.
#include <stdio.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>

#include "azure_c_shared_utility/threadapi.h"
#include "iothub.h"
#include "iothub_device_client.h"
#include "iothub_client_options.h"
#include "iothub_message.h"
#include "iothubtransporthttp.h"

static const char* g_connection_string = "HostName=example.azure-devices.net;DeviceId=door-3;SharedAccessKey=ZG9vci1rZXk=";
static volatile bool g_running = true;

static IOTHUBMESSAGE_DISPOSITION_RESULT on_c2d_message(IOTHUB_MESSAGE_HANDLE message, void* user_context)
{
    const char* text = IoTHubMessage_GetString(message);
    (void)user_context;
    if (text != NULL)
    {
        (void)printf("cloud message: %s\r\n", text);
    }
    return IOTHUBMESSAGE_ACCEPTED;
}

static int on_method(const char* method_name, const unsigned char* payload, size_t size, unsigned char** response, size_t* response_size, void* user_context)
{
    static const char ok[] = "{}";
    (void)payload; (void)size; (void)user_context;
    if (strcmp(method_name, "stop") == 0)
    {
        g_running = false;
    }
    *response_size = sizeof(ok) - 1;
    *response = (unsigned char*)malloc(*response_size);
    if (*response != NULL)
    {
        memcpy(*response, ok, *response_size);
    }
    return 200;
}

static void send_door_event(IOTHUB_DEVICE_CLIENT_HANDLE client, bool open)
{
    IOTHUB_MESSAGE_HANDLE msg = IoTHubMessage_CreateFromString(open ? "{\"doorOpen\":true}" : "{\"doorOpen\":false}");
    if (msg != NULL)
    {
        (void)IoTHubMessage_SetProperty(msg, "severity", open ? "high" : "low");
        (void)IoTHubDeviceClient_SendEventAsync(client, msg, NULL, NULL);
        IoTHubMessage_Destroy(msg);
    }
}

int main(void)
{
    IOTHUB_DEVICE_CLIENT_HANDLE client;
    bool open = false;

    if (IoTHub_Init() != 0)
    {
        return 1;
    }

    client = IoTHubDeviceClient_CreateFromConnectionString(g_connection_string, HTTP_Protocol); // expect: AICS003
    if (client == NULL)
    {
        IoTHub_Deinit();
        return 1;
    }

    (void)IoTHubDeviceClient_SetOption(client, OPTION_MODEL_ID, "dtmi:contoso:security:DoorSensor;1");
    (void)IoTHubDeviceClient_SetMessageCallback(client, on_c2d_message, NULL);
    (void)IoTHubDeviceClient_SetDeviceMethodCallback(client, on_method, NULL);
    {
        unsigned int min_polling_seconds = 30;
        (void)IoTHubDeviceClient_SetOption(client, OPTION_MIN_POLLING_TIME, &min_polling_seconds);
    }

    while (g_running)
    {
        open = !open;
        send_door_event(client, open);
        ThreadAPI_Sleep(10000);
    }

    IoTHubDeviceClient_Destroy(client);
    IoTHub_Deinit();
    return 0;
}

// Greenhouse climate sensor: provisions through DPS, then sends readings to IoT Hub.
#include <stdio.h>
#include <stdbool.h>

#include "iothub.h"
#include "iothub_device_client_ll.h"
#include "iothub_client_options.h"
#include "iothubtransportmqtt.h"
#include "azure_prov_client/prov_device_ll_client.h"
#include "azure_prov_client/prov_transport_mqtt_client.h"

#include "greenhouse_config.h"

static bool g_registered = false;
static char* g_hub_uri = NULL;
static char* g_device_id = NULL;

static void on_registered(PROV_DEVICE_RESULT result, const char* hub_uri, const char* device_id, void* context)
{
    (void)context;
    if (result == PROV_DEVICE_RESULT_OK)
    {
        (void)mallocAndStrcpy_s(&g_hub_uri, hub_uri);
        (void)mallocAndStrcpy_s(&g_device_id, device_id);
    }
    g_registered = true;
}

static int provision_device(void)
{
    PROV_DEVICE_LL_HANDLE prov = Prov_Device_LL_Create(GLOBAL_PROV_URI, ID_SCOPE, Prov_Device_MQTT_Protocol);
    if (prov == NULL)
    {
        return -1;
    }
    if (Prov_Device_LL_Register_Device(prov, on_registered, NULL, NULL, NULL) != PROV_DEVICE_RESULT_OK)
    {
        Prov_Device_LL_Destroy(prov);
        return -1;
    }
    while (!g_registered)
    {
        Prov_Device_LL_DoWork(prov);
        ThreadAPI_Sleep(100);
    }
    Prov_Device_LL_Destroy(prov);
    return 0;
}

int main(void)
{
    (void)IoTHub_Init();
    if (provision_device() != 0)
    {
        (void)printf("provisioning failed\r\n");
        return 1;
    }

    IOTHUB_DEVICE_CLIENT_LL_HANDLE client = IoTHubDeviceClient_LL_CreateFromDeviceAuth(g_hub_uri, g_device_id, MQTT_Protocol);
    if (client == NULL)
    {
        return 1;
    }
    (void)IoTHubDeviceClient_LL_SetOption(client, OPTION_MODEL_ID, GREENHOUSE_MODEL_ID);

    IOTHUB_MESSAGE_HANDLE msg = IoTHubMessage_CreateFromString("{\"temperature\":21.5,\"humidity\":64}");
    (void)IoTHubDeviceClient_LL_SendEventAsync(client, msg, NULL, NULL);
    for (int i = 0; i < 100; i++)
    {
        IoTHubDeviceClient_LL_DoWork(client);
        ThreadAPI_Sleep(100);
    }
    IoTHubMessage_Destroy(msg);
    IoTHubDeviceClient_LL_Destroy(client);
    IoTHub_Deinit();
    return 0;
}

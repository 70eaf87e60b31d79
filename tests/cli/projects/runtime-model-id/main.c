// Bench test rig: the Model ID comes from the environment, so only run time knows it.
#include <stdio.h>
#include <stdlib.h>

#include "iothub.h"
#include "iothub_device_client_ll.h"
#include "iothub_client_options.h"
#include "iothubtransportmqtt.h"
#include "azure_prov_client/prov_device_ll_client.h"
#include "azure_prov_client/prov_transport_mqtt_client.h"

static char* hub_name;
static char* device_name;

static void on_register(PROV_DEVICE_RESULT result, const char* hub, const char* device, void* ctx)
{
    (void)ctx;
    if (result == PROV_DEVICE_RESULT_OK)
    {
        (void)mallocAndStrcpy_s(&hub_name, hub);
        (void)mallocAndStrcpy_s(&device_name, device);
    }
}

int main(void)
{
    const char* model_id = getenv("RIG_MODEL_ID");
    char payload[200];
    (void)snprintf(payload, sizeof(payload), "{\"modelId\":\"%s\"}", model_id);

    (void)IoTHub_Init();
    PROV_DEVICE_LL_HANDLE prov = Prov_Device_LL_Create("global.azure-devices-provisioning.net", "0ne00000003", Prov_Device_MQTT_Protocol);
    (void)Prov_Device_LL_Set_Provisioning_Payload(prov, payload);
    (void)Prov_Device_LL_Register_Device(prov, on_register, NULL, NULL, NULL);
    Prov_Device_LL_DoWork(prov);
    Prov_Device_LL_Destroy(prov);

    IOTHUB_DEVICE_CLIENT_LL_HANDLE hub = IoTHubDeviceClient_LL_CreateFromDeviceAuth(hub_name, device_name, MQTT_Protocol);
    (void)IoTHubDeviceClient_LL_SetOption(hub, OPTION_MODEL_ID, model_id);
    IoTHubDeviceClient_LL_DoWork(hub);
    IoTHubDeviceClient_LL_Destroy(hub);
    IoTHub_Deinit();
    return 0;
}

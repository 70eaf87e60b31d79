// Irrigation pump controller. The Model ID was renamed for the hub but not for DPS.
#include "iothub.h"
#include "iothub_device_client_ll.h"
#include "iothub_client_options.h"
#include "iothubtransportmqtt.h"
#include "azure_prov_client/prov_device_ll_client.h"
#include "azure_prov_client/prov_transport_mqtt_client.h"

static const char DPS_MODEL_PAYLOAD[] = "{\"modelId\":\"dtmi:contoso:irrigation:Pump;1\"}";
static const char HUB_MODEL_ID[] = "dtmi:contoso:irrigation:water-pump;1";

static char* assigned_hub;
static char* assigned_device;

static void on_register(PROV_DEVICE_RESULT result, const char* hub, const char* device, void* ctx)
{
    (void)ctx;
    if (result == PROV_DEVICE_RESULT_OK)
    {
        (void)mallocAndStrcpy_s(&assigned_hub, hub);
        (void)mallocAndStrcpy_s(&assigned_device, device);
    }
}

int main(void)
{
    (void)IoTHub_Init();
    PROV_DEVICE_LL_HANDLE prov = Prov_Device_LL_Create("global.azure-devices-provisioning.net", "0ne00000002", Prov_Device_MQTT_Protocol);
    (void)Prov_Device_LL_Set_Provisioning_Payload(prov, DPS_MODEL_PAYLOAD);
    (void)Prov_Device_LL_Register_Device(prov, on_register, NULL, NULL, NULL);
    Prov_Device_LL_DoWork(prov);
    Prov_Device_LL_Destroy(prov);

    IOTHUB_DEVICE_CLIENT_LL_HANDLE hub = IoTHubDeviceClient_LL_CreateFromDeviceAuth(assigned_hub, assigned_device, MQTT_Protocol);
    (void)IoTHubDeviceClient_LL_SetOption(hub, OPTION_MODEL_ID, HUB_MODEL_ID);
    IoTHubDeviceClient_LL_DoWork(hub);
    IoTHubDeviceClient_LL_Destroy(hub);
    IoTHub_Deinit();
    return 0;
}

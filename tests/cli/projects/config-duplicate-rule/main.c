/* Cold-room temperature logger, certification-ready: the Model ID goes to DPS and to the hub. */
#include <stdio.h>
#include <stdbool.h>

#include "iothub.h"
#include "iothub_device_client_ll.h"
#include "iothub_client_options.h"
#include "iothubtransportmqtt.h"
#include "azure_prov_client/prov_device_ll_client.h"
#include "azure_prov_client/prov_transport_mqtt_client.h"

#define COLD_ROOM_MODEL_ID "dtmi:contoso:coldchain:ColdRoom;2"
#define DPS_PAYLOAD "{\"modelId\":\"" COLD_ROOM_MODEL_ID "\"}"

static volatile bool done = false;
static char* hub_uri;
static char* device_id;

static void registered(PROV_DEVICE_RESULT result, const char* uri, const char* id, void* ctx)
{
    (void)ctx;
    if (result == PROV_DEVICE_RESULT_OK)
    {
        (void)mallocAndStrcpy_s(&hub_uri, uri);
        (void)mallocAndStrcpy_s(&device_id, id);
    }
    done = true;
}

int main(void)
{
    (void)IoTHub_Init();

    PROV_DEVICE_LL_HANDLE prov = Prov_Device_LL_Create("global.azure-devices-provisioning.net", "0ne00000001", Prov_Device_MQTT_Protocol);
    (void)Prov_Device_LL_Set_Provisioning_Payload(prov, DPS_PAYLOAD);
    (void)Prov_Device_LL_Register_Device(prov, registered, NULL, NULL, NULL);
    while (!done)
    {
        Prov_Device_LL_DoWork(prov);
        ThreadAPI_Sleep(50);
    }
    Prov_Device_LL_Destroy(prov);

    IOTHUB_DEVICE_CLIENT_LL_HANDLE hub = IoTHubDeviceClient_LL_CreateFromDeviceAuth(hub_uri, device_id, MQTT_Protocol);
    (void)IoTHubDeviceClient_LL_SetOption(hub, OPTION_MODEL_ID, COLD_ROOM_MODEL_ID);
    IOTHUB_MESSAGE_HANDLE reading = IoTHubMessage_CreateFromString("{\"temperature\":-18.2}");
    (void)IoTHubDeviceClient_LL_SendEventAsync(hub, reading, NULL, NULL);
    IoTHubDeviceClient_LL_DoWork(hub);
    IoTHubMessage_Destroy(reading);
    IoTHubDeviceClient_LL_Destroy(hub);
    IoTHub_Deinit();
    return 0;
}

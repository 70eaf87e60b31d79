// Legacy field gateway: connects with a connection string (no DPS). It is not certified,
// so the missing Model ID announcement is accepted on purpose.
#include "iothub.h"
#include "iothub_device_client_ll.h"
#include "iothubtransportmqtt.h"

static const char* connection_string = "HostName=example.azure-devices.net;DeviceId=gw-01;SharedAccessKey=AAAA";

int main(void)
{
    (void)IoTHub_Init();
    // aics-lint: ignore AICS003 -- not submitted for certification
    IOTHUB_DEVICE_CLIENT_LL_HANDLE gw = IoTHubDeviceClient_LL_CreateFromConnectionString(connection_string, MQTT_Protocol);
    IOTHUB_MESSAGE_HANDLE hello = IoTHubMessage_CreateFromString("{\"status\":\"online\"}");
    (void)IoTHubDeviceClient_LL_SendEventAsync(gw, hello, NULL, NULL);
    IoTHubDeviceClient_LL_DoWork(gw);
    IoTHubMessage_Destroy(hello);
    IoTHubDeviceClient_LL_Destroy(gw);
    IoTHub_Deinit();
    return 0;
}

#include <stdio.h>

#include "iothub.h"
#include "iothub_device_client_ll.h"
#include "iothub_client_options.h"
#include "iothubtransportmqtt.h"
#include "azure_c_shared_utility/threadapi.h"

#include "dps.h"
#include "app_config.h"

int main(void)
{
    DPS_RESULT dps_result;
    PROV_DEVICE_LL_HANDLE prov;
    IOTHUB_DEVICE_CLIENT_LL_HANDLE client;

    if (IoTHub_Init() != 0)
    {
        return 1;
    }

    prov = dps_open();
    if (prov == NULL || set_dps_payload(prov) != 0 || dps_register(prov, &dps_result) != 0)
    {
        (void)printf("provisioning failed\r\n");
        if (prov != NULL)
        {
            dps_close(prov);
        }
        IoTHub_Deinit();
        return 1;
    }
    dps_close(prov);

    client = IoTHubDeviceClient_LL_CreateFromDeviceAuth(dps_result.hub_uri, dps_result.device_id, MQTT_Protocol);
    if (client != NULL)
    {
        (void)IoTHubDeviceClient_LL_SetOption(client, OPTION_MODEL_ID, APP_MODEL_ID);
        for (;;)
        {
            IoTHubDeviceClient_LL_DoWork(client);
            ThreadAPI_Sleep(10);
        }
    }

    IoTHub_Deinit();
    return 0;
}

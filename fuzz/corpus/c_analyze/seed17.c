// Water pump controller: handles live in one global context and are used through aliases.
#include <stdio.h>
#include <stdlib.h>

#include "azure_c_shared_utility/threadapi.h"
#include "azure_c_shared_utility/crt_abstractions.h"
#include "iothub.h"
#include "iothub_client_options.h"
#include "iothubtransportmqtt.h"
#include "azure_prov_client/prov_security_factory.h"
#include "azure_prov_client/prov_transport_mqtt_client.h"

#include "app_context.h"

APP_CONTEXT g_ctx;

static void on_register(PROV_DEVICE_RESULT result, const char* uri, const char* device_id, void* context)
{
    (void)context;
    if (result == PROV_DEVICE_RESULT_OK)
    {
        (void)mallocAndStrcpy_s(&g_ctx.hub_uri, uri);
        (void)mallocAndStrcpy_s(&g_ctx.device_id, device_id);
        g_ctx.provisioned = true;
    }
    g_ctx.done = true;
}

static bool provision(void)
{
    prov_client = Prov_Device_LL_Create("global.azure-devices-provisioning.net", "0ne0009F00D", Prov_Device_MQTT_Protocol);
    if (prov_client == NULL)
    {
        return false;
    }

    if (Prov_Device_LL_Set_Provisioning_Payload(prov_client, APP_DPS_PAYLOAD) != PROV_DEVICE_RESULT_OK || // expect: AICS001
        Prov_Device_LL_Register_Device(prov_client, on_register, NULL, NULL, NULL) != PROV_DEVICE_RESULT_OK)
    {
        Prov_Device_LL_Destroy(prov_client);
        return false;
    }

    while (!g_ctx.done)
    {
        Prov_Device_LL_DoWork(prov_client);
        ThreadAPI_Sleep(100);
    }
    Prov_Device_LL_Destroy(prov_client);
    prov_client = NULL;
    return g_ctx.provisioned;
}

static bool connect_hub(void)
{
    iothub_client = IoTHubDeviceClient_LL_CreateFromDeviceAuth(g_ctx.hub_uri, g_ctx.device_id, MQTT_Protocol);
    if (iothub_client == NULL)
    {
        return false;
    }
    return IoTHubDeviceClient_LL_SetOption(iothub_client, OPTION_MODEL_ID, APP_MODEL_ID) == IOTHUB_CLIENT_OK;
}

int main(int argc, char** argv)
{
    (void)argc;
    (void)argv;

    (void)IoTHub_Init();
    (void)prov_dev_security_init(SECURE_DEVICE_TYPE_SYMMETRIC_KEY);
    (void)prov_dev_set_symmetric_key_info("pump-17", "cHVtcC1rZXktbm90LXJlYWw=");

    if (!provision() || !connect_hub())
    {
        (void)printf("startup failed\r\n");
        return 1;
    }

    for (;;)
    {
        IoTHubDeviceClient_LL_DoWork(iothub_client);
        ThreadAPI_Sleep(100);
    }
}

// Roof-top HVAC unit: startup is a table of steps run in order.
#include <stdio.h>
#include <stdlib.h>

#include "azure_c_shared_utility/threadapi.h"
#include "azure_c_shared_utility/crt_abstractions.h"
#include "iothub.h"
#include "iothub_client_options.h"
#include "iothubtransportmqtt.h"
#include "azure_prov_client/prov_security_factory.h"
#include "azure_prov_client/prov_transport_mqtt_client.h"

#include "device_state.h"

static const char g_dps_payload[] = "{\"modelId\":\"" DEVICE_MODEL_ID "\"}";

static void on_registered(PROV_DEVICE_RESULT result, const char* iothub_uri, const char* device_id, void* user_context)
{
    DEVICE_STATE* state = (DEVICE_STATE*)user_context;
    if (result == PROV_DEVICE_RESULT_OK &&
        mallocAndStrcpy_s(&state->hub_uri, iothub_uri) == 0 &&
        mallocAndStrcpy_s(&state->device_id, device_id) == 0)
    {
        state->registration = 1;
    }
    else
    {
        state->registration = -1;
    }
}

static int init_security(DEVICE_STATE* state)
{
    (void)state;
    if (IoTHub_Init() != 0 || prov_dev_security_init(SECURE_DEVICE_TYPE_X509) != 0)
    {
        return -1;
    }
    return 0;
}

static int provision_device(DEVICE_STATE* state)
{
    state->prov = Prov_Device_Create("global.azure-devices-provisioning.net", DEVICE_ID_SCOPE, Prov_Device_MQTT_Protocol);
    if (state->prov == NULL)
    {
        return -1;
    }

    if (Prov_Device_Set_Provisioning_Payload(state->prov, g_dps_payload) != PROV_DEVICE_RESULT_OK)
    {
        return -1;
    }

    if (Prov_Device_Register_Device(state->prov, on_registered, state, NULL, NULL) != PROV_DEVICE_RESULT_OK)
    {
        return -1;
    }

    while (state->registration == 0)
    {
        ThreadAPI_Sleep(200);
    }
    Prov_Device_Destroy(state->prov);
    state->prov = NULL;
    return state->registration == 1 ? 0 : -1;
}

static int connect_hub(DEVICE_STATE* state)
{
    state->hub = IoTHubDeviceClient_CreateFromDeviceAuth(state->hub_uri, state->device_id, MQTT_Protocol);
    if (state->hub == NULL)
    {
        return -1;
    }
    return IoTHubDeviceClient_SetOption(state->hub, OPTION_MODEL_ID, DEVICE_MODEL_ID) == IOTHUB_CLIENT_OK ? 0 : -1;
}

static const STARTUP_STEP g_startup[] =
{
    { "security",  init_security },
    { "provision", provision_device },
    { "connect",   connect_hub },
};

int main(void)
{
    static DEVICE_STATE state;
    size_t i;

    for (i = 0; i < sizeof(g_startup) / sizeof(g_startup[0]); i++)
    {
        (void)printf("startup: %s\r\n", g_startup[i].name);
        if (g_startup[i].run(&state) != 0)
        {
            (void)printf("startup step %s failed\r\n", g_startup[i].name);
            return 1;
        }
    }

    for (;;)
    {
        ThreadAPI_Sleep(1000);
    }
}

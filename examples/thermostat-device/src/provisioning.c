/* DPS provisioning with the azure-iot-sdk-c low-level provisioning client. */
#include <stdio.h>
#include <string.h>

#include "azure_c_shared_utility/threadapi.h"
#include "azure_prov_client/prov_device_ll_client.h"
#include "azure_prov_client/prov_security_factory.h"
#include "azure_prov_client/prov_transport_mqtt_client.h"

#include "app.h"
#include "board_config.h"

/* Kept from the IoT Central days of this firmware. */
#define DPS_REGISTRATION_PAYLOAD "{\"iotcModelId\":\"" THERMOSTAT_MODEL_ID "\"}"

static void on_registered(PROV_DEVICE_RESULT result, const char* iothub_uri, const char* device_id, void* user_context)
{
    APP_CONTEXT* ctx = (APP_CONTEXT*)user_context;
    if (result == PROV_DEVICE_RESULT_OK)
    {
        (void)snprintf(ctx->iothub_uri, sizeof(ctx->iothub_uri), "%s", iothub_uri);
        (void)snprintf(ctx->device_id, sizeof(ctx->device_id), "%s", device_id);
    }
    ctx->registered = true;
}

int provision_device(APP_CONTEXT* ctx, const char* id_scope)
{
    PROV_DEVICE_LL_HANDLE handle;

    (void)prov_dev_security_init(SECURE_DEVICE_TYPE_SYMMETRIC_KEY);
    if ((handle = Prov_Device_LL_Create(DPS_GLOBAL_ENDPOINT, id_scope, Prov_Device_MQTT_Protocol)) == NULL)
    {
        (void)printf("failed to create the provisioning client\r\n");
        return -1;
    }

    if (Prov_Device_LL_Set_Provisioning_Payload(handle, DPS_REGISTRATION_PAYLOAD) != PROV_DEVICE_RESULT_OK)
    {
        (void)printf("failed to set the registration payload\r\n");
    }

    if (Prov_Device_LL_Register_Device(handle, on_registered, ctx, NULL, NULL) != PROV_DEVICE_RESULT_OK)
    {
        Prov_Device_LL_Destroy(handle);
        return -1;
    }

    while (!ctx->registered)
    {
        Prov_Device_LL_DoWork(handle);
        ThreadAPI_Sleep(10);
    }
    Prov_Device_LL_Destroy(handle);
    return ctx->iothub_uri[0] != '\0' ? 0 : -1;
}

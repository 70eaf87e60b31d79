// Device Provisioning Service registration, low-level client.
#include <stdio.h>
#include <string.h>

#include "azure_c_shared_utility/threadapi.h"
#include "azure_prov_client/prov_transport_mqtt_client.h"
#include "azure_prov_client/prov_security_factory.h"
#include "dps.h"
#include "app_config.h"

static void on_status(PROV_DEVICE_REG_STATUS status, void* context)
{
    (void)context;
    (void)printf("dps status %d\r\n", (int)status);
}

static void on_registered(PROV_DEVICE_RESULT result, const char* iothub_uri, const char* device_id, void* context)
{
    DPS_RESULT* out = (DPS_RESULT*)context;
    if (result == PROV_DEVICE_RESULT_OK)
    {
        (void)strncpy(out->hub_uri, iothub_uri, sizeof(out->hub_uri) - 1);
        (void)strncpy(out->device_id, device_id, sizeof(out->device_id) - 1);
        out->ok = 1;
    }
    out->done = 1;
}

PROV_DEVICE_LL_HANDLE dps_open(void)
{
    (void)prov_dev_security_init(SECURE_DEVICE_TYPE_SYMMETRIC_KEY);
    (void)prov_dev_set_symmetric_key_info(APP_REGISTRATION_ID, APP_DEVICE_KEY);
    return Prov_Device_LL_Create(APP_DPS_ENDPOINT, APP_DPS_ID_SCOPE, Prov_Device_MQTT_Protocol);
}

int dps_register(PROV_DEVICE_LL_HANDLE handle, DPS_RESULT* result)
{
    memset(result, 0, sizeof(*result));
    if (Prov_Device_LL_Register_Device(handle, on_registered, result, on_status, NULL) != PROV_DEVICE_RESULT_OK)
    {
        return -1;
    }

    while (!result->done)
    {
        Prov_Device_LL_DoWork(handle);
        ThreadAPI_Sleep(50);
    }
    return result->ok ? 0 : -1;
}

void dps_close(PROV_DEVICE_LL_HANDLE handle)
{
    Prov_Device_LL_Destroy(handle);
    prov_dev_security_deinit();
}

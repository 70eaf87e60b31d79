// Connects the bulb either with a connection string or, in DPS builds, through the provisioning service.
#include <stdio.h>
#include <stdlib.h>
#include <stdbool.h>

#include "azure_c_shared_utility/threadapi.h"
#include "azure_c_shared_utility/crt_abstractions.h"
#include "iothub.h"
#include "iothub_client_options.h"
#include "iothubtransportmqtt.h"

#ifdef ENABLE_DPS_SAMPLE
#include "azure_prov_client/prov_device_client.h"
#include "azure_prov_client/prov_security_factory.h"
#include "azure_prov_client/prov_transport_mqtt_client.h"
#endif

#include "iot_connect.h"

#ifdef ENABLE_DPS_SAMPLE
static const char* dps_id_scope = "0ne00B0B1E5";
static const char* dps_registration_id = "bulb-livingroom";
static const char* dps_symmetric_key = "YnVsYi1rZXktbm90LXJlYWw=";

static char* dps_hub_uri;
static char* dps_device_id;
static volatile int dps_state;

static void dps_register_callback(PROV_DEVICE_RESULT result, const char* iothub_uri, const char* device_id, void* context)
{
    (void)context;
    if (result == PROV_DEVICE_RESULT_OK)
    {
        (void)mallocAndStrcpy_s(&dps_hub_uri, iothub_uri);
        (void)mallocAndStrcpy_s(&dps_device_id, device_id);
        dps_state = 1;
    }
    else
    {
        dps_state = -1;
    }
}

static IOTHUB_DEVICE_CLIENT_HANDLE connect_with_dps(void)
{
    PROV_DEVICE_HANDLE prov;

    (void)prov_dev_security_init(SECURE_DEVICE_TYPE_SYMMETRIC_KEY);
    (void)prov_dev_set_symmetric_key_info(dps_registration_id, dps_symmetric_key);

    prov = Prov_Device_Create("global.azure-devices-provisioning.net", dps_id_scope, Prov_Device_MQTT_Protocol);
    if (prov == NULL)
    {
        return NULL;
    }

    if (Prov_Device_Register_Device(prov, dps_register_callback, NULL, NULL, NULL) == PROV_DEVICE_RESULT_OK) // expect: AICS001
    {
        while (dps_state == 0)
        {
            ThreadAPI_Sleep(500);
        }
    }
    Prov_Device_Destroy(prov);

    return dps_state == 1 ? IoTHubDeviceClient_CreateFromDeviceAuth(dps_hub_uri, dps_device_id, MQTT_Protocol) : NULL;
}
#else
static const char* connection_string = "[device connection string]";
#endif

IOTHUB_DEVICE_CLIENT_HANDLE iot_connect(void)
{
    IOTHUB_DEVICE_CLIENT_HANDLE client;

    (void)IoTHub_Init();
#ifdef ENABLE_DPS_SAMPLE
    client = connect_with_dps();
#else
    client = IoTHubDeviceClient_CreateFromConnectionString(connection_string, MQTT_Protocol);
#endif
    if (client != NULL)
    {
        (void)IoTHubDeviceClient_SetOption(client, OPTION_MODEL_ID, LIGHT_MODEL_ID);
    }
    return client;
}

// Smart plug: provision through DPS, connect to the assigned IoT Hub, send telemetry periodically.
#include <stdio.h>
#include <stdlib.h>
#include <stdbool.h>

#include "azure_c_shared_utility/threadapi.h"
#include "azure_c_shared_utility/crt_abstractions.h"
#include "iothub.h"
#include "iothub_device_client_ll.h"
#include "iothub_client_options.h"
#include "iothubtransportmqtt.h"
#include "azure_prov_client/prov_device_ll_client.h"
#include "azure_prov_client/prov_security_factory.h"
#include "azure_prov_client/prov_transport_mqtt_client.h"

#include "sample_config.h"
#include "device_app.h"

typedef struct DPS_OUTCOME_TAG
{
    char* iothub_uri;
    char* device_id;
    bool done;
    bool failed;
} DPS_OUTCOME;

static volatile bool g_keep_running = true;

static void on_registration_status(PROV_DEVICE_REG_STATUS reg_status, void* user_context)
{
    (void)user_context;
    (void)printf("DPS status: %s\r\n", MU_ENUM_TO_STRING(PROV_DEVICE_REG_STATUS, reg_status));
}

static void on_device_registered(PROV_DEVICE_RESULT register_result, const char* iothub_uri, const char* device_id, void* user_context)
{
    DPS_OUTCOME* outcome = (DPS_OUTCOME*)user_context;
    if (register_result == PROV_DEVICE_RESULT_OK)
    {
        (void)mallocAndStrcpy_s(&outcome->iothub_uri, iothub_uri);
        (void)mallocAndStrcpy_s(&outcome->device_id, device_id);
    }
    else
    {
        outcome->failed = true;
    }
    outcome->done = true;
}

static int register_with_dps(DPS_OUTCOME* outcome)
{
    PROV_DEVICE_LL_HANDLE prov_handle;
    int result = 0;

    if ((prov_handle = Prov_Device_LL_Create(DPS_GLOBAL_ENDPOINT, DPS_ID_SCOPE, Prov_Device_MQTT_Protocol)) == NULL)
    {
        (void)printf("Prov_Device_LL_Create failed\r\n");
        return -1;
    }

    if (Prov_Device_LL_Set_Provisioning_Payload(prov_handle, DPS_REGISTRATION_PAYLOAD) != PROV_DEVICE_RESULT_OK)
    {
        (void)printf("could not set the DPS payload\r\n");
        result = -1;
    }
    else if (Prov_Device_LL_Register_Device(prov_handle, on_device_registered, outcome, on_registration_status, outcome) != PROV_DEVICE_RESULT_OK)
    {
        (void)printf("Prov_Device_LL_Register_Device failed\r\n");
        result = -1;
    }
    else
    {
        size_t waited_ms = 0;
        while (!outcome->done && waited_ms < PROV_TIMEOUT_SECONDS * 1000)
        {
            Prov_Device_LL_DoWork(prov_handle);
            ThreadAPI_Sleep(PROV_DOWORK_SLEEP_MS);
            waited_ms += PROV_DOWORK_SLEEP_MS;
        }
        result = (outcome->done && !outcome->failed) ? 0 : -1;
    }

    Prov_Device_LL_Destroy(prov_handle);
    return result;
}

int main(void)
{
    DPS_OUTCOME outcome = { 0 };
    IOTHUB_DEVICE_CLIENT_LL_HANDLE device_handle;

    (void)IoTHub_Init();
    (void)prov_dev_security_init(SECURE_DEVICE_TYPE_SYMMETRIC_KEY);
    (void)prov_dev_set_symmetric_key_info(DPS_REGISTRATION_ID, DPS_SYMMETRIC_KEY);

    if (register_with_dps(&outcome) != 0)
    {
        (void)printf("DPS registration failed\r\n");
    }
    else if ((device_handle = IoTHubDeviceClient_LL_CreateFromDeviceAuth(outcome.iothub_uri, outcome.device_id, MQTT_Protocol)) == NULL)
    {
        (void)printf("could not create the IoT Hub client\r\n");
    }
    else
    {
        bool url_encode = true;
        unsigned int tick = 0;

        (void)IoTHubDeviceClient_LL_SetOption(device_handle, OPTION_AUTO_URL_ENCODE_DECODE, &url_encode);
        (void)IoTHubDeviceClient_LL_SetOption(device_handle, OPTION_MODEL_ID, DEVICE_MODEL_ID);

        app_init(device_handle);
        while (g_keep_running)
        {
            if (tick++ % (TELEMETRY_PERIOD_MS / 100) == 0)
            {
                app_send_telemetry(device_handle);
            }
            IoTHubDeviceClient_LL_DoWork(device_handle);
            ThreadAPI_Sleep(100);
        }
        IoTHubDeviceClient_LL_Destroy(device_handle);
    }

    free(outcome.iothub_uri);
    free(outcome.device_id);
    prov_dev_security_deinit();
    IoTHub_Deinit();
    return 0;
}

@@@
#define X 1
@@@
{
  "@context": "dtmi:dtdl:context;2",
  "@id": "dtmi:contoso:energy:SmartPlug;1",
  "@type": "Interface",
  "displayName": "Smart plug",
  "extends": "dtmi:contoso:common:PowerMonitor;1",
  "contents": [
    {
      "@type": [
        "Telemetry",
        "Current"
      ],
      "name": "current",
      "displayName": "Load current",
      "schema": "double",
      "unit": "ampere"
    },
    {
      "@type": "Property",
      "name": "relayOn",
      "displayName": "Relay closed",
      "schema": "boolean",
      "writable": true
    },
    {
      "@type": "Command",
      "name": "toggle",
      "displayName": "Toggle relay"
    }
  ]
}

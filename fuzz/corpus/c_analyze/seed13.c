// Air quality monitor firmware (ESP-IDF + azure-iot-sdk-c port).
#include <stdio.h>
#include <string.h>

#include "freertos/FreeRTOS.h"
#include "freertos/task.h"
#include "esp_log.h"

#include "iothub.h"
#include "iothub_device_client_ll.h"
#include "iothub_client_options.h"
#include "iothubtransportmqtt.h"
#include "azure_prov_client/prov_device_ll_client.h"
#include "azure_prov_client/prov_security_factory.h"
#include "azure_prov_client/prov_transport_mqtt_client.h"

#include "board_config.h"
#include "dps_payload.h"

static const char* TAG = "aq";

static const char* s_scope_id = CONFIG_DPS_ID_SCOPE;
static char s_hub_uri[128];
static char s_device_id[64];
static volatile int s_dps_state; /* 0 pending, 1 ok, -1 failed */

static void dps_register_cb(PROV_DEVICE_RESULT result, const char* iothub_uri, const char* device_id, void* ctx)
{
    (void)ctx;
    if (result == PROV_DEVICE_RESULT_OK)
    {
        strncpy(s_hub_uri, iothub_uri, sizeof(s_hub_uri) - 1);
        strncpy(s_device_id, device_id, sizeof(s_device_id) - 1);
        s_dps_state = 1;
    }
    else
    {
        s_dps_state = -1;
    }
}

static void dps_status_cb(PROV_DEVICE_REG_STATUS status, void* ctx)
{
    (void)ctx;
    ESP_LOGI(TAG, "dps status %d", (int)status);
}

static void azure_task(void* arg)
{
    (void)arg;
    PROV_DEVICE_LL_HANDLE prov = Prov_Device_LL_Create("global.azure-devices-provisioning.net", s_scope_id, Prov_Device_MQTT_Protocol);
    if (prov == NULL)
    {
        ESP_LOGE(TAG, "Prov_Device_LL_Create failed");
        vTaskDelete(NULL);
        return;
    }

    (void)Prov_Device_LL_Set_Provisioning_Payload(prov, DPS_PAYLOAD);
    if (Prov_Device_LL_Register_Device(prov, dps_register_cb, NULL, dps_status_cb, NULL) == PROV_DEVICE_RESULT_OK)
    {
        while (s_dps_state == 0)
        {
            Prov_Device_LL_DoWork(prov);
            vTaskDelay(pdMS_TO_TICKS(100));
        }
    }
    Prov_Device_LL_Destroy(prov);

    if (s_dps_state == 1)
    {
        IOTHUB_DEVICE_CLIENT_LL_HANDLE hub = IoTHubDeviceClient_LL_CreateFromDeviceAuth(s_hub_uri, s_device_id, MQTT_Protocol);
        if (hub != NULL)
        {
            (void)IoTHubDeviceClient_LL_SetOption(hub, OPTION_MODEL_ID, MODEL_ID);
            while (1)
            {
                IoTHubDeviceClient_LL_DoWork(hub);
                vTaskDelay(pdMS_TO_TICKS(10));
            }
        }
    }
    vTaskDelete(NULL);
}

void app_main(void)
{
    ESP_LOGI(TAG, "board %s", BOARD_NAME);
    (void)IoTHub_Init();
    (void)prov_dev_security_init(SECURE_DEVICE_TYPE_X509);
    xTaskCreate(azure_task, "azure", 8 * 1024, NULL, 5, NULL);
}

/* IoT Hub connection, telemetry, and the writable target temperature. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iothub.h"
#include "iothub_client_options.h"
#include "iothub_device_client_ll.h"
#include "iothub_message.h"
#include "iothubtransportmqtt.h"
#include "parson.h"

#include "app.h"
#include "board_config.h"

static double g_target_temperature = 21.0;

/* Writable properties: apply `targetTemperature` and acknowledge it with the desired
   version (`ac`, `av`), as the Plug and Play convention requires. */
static void on_twin_update(DEVICE_TWIN_UPDATE_STATE update_state, const unsigned char* payload, size_t size, void* user_context)
{
    APP_CONTEXT* ctx = (APP_CONTEXT*)user_context;
    char* text = (char*)malloc(size + 1);
    JSON_Value* root;
    JSON_Object* desired;
    char ack[128];
    int length;

    if (text == NULL)
    {
        return;
    }
    memcpy(text, payload, size);
    text[size] = '\0';
    root = json_parse_string(text);
    free(text);
    desired = json_value_get_object(root);
    if (update_state == DEVICE_TWIN_UPDATE_COMPLETE)
    {
        desired = json_object_get_object(desired, "desired");
    }
    if (desired != NULL && json_object_has_value(desired, "targetTemperature"))
    {
        g_target_temperature = json_object_get_number(desired, "targetTemperature");
        length = snprintf(ack, sizeof(ack), "{\"targetTemperature\":{\"value\":%.2f,\"ac\":200,\"av\":%d}}",
                          g_target_temperature, (int)json_object_get_number(desired, "$version"));
        if (length > 0)
        {
            (void)IoTHubDeviceClient_LL_SendReportedState(ctx->device_client, (const unsigned char*)ack, (size_t)length, NULL, NULL);
        }
    }
    json_value_free(root);
}

int connect_to_hub(APP_CONTEXT* ctx)
{
    bool trace = false;

    ctx->device_client = IoTHubDeviceClient_LL_CreateFromDeviceAuth(ctx->iothub_uri, ctx->device_id, MQTT_Protocol);
    if (ctx->device_client == NULL)
    {
        (void)printf("failed to create the device client\r\n");
        return -1;
    }
    (void)IoTHubDeviceClient_LL_SetOption(ctx->device_client, OPTION_LOG_TRACE, &trace);
    if (IoTHubDeviceClient_LL_SetOption(ctx->device_client, OPTION_MODEL_ID, THERMOSTAT_MODEL_ID) != IOTHUB_CLIENT_OK)
    {
        (void)printf("failed to set the Model ID\r\n");
    }
    (void)IoTHubDeviceClient_LL_SetDeviceTwinCallback(ctx->device_client, on_twin_update, ctx);
    return 0;
}

void send_telemetry(APP_CONTEXT* ctx, double temperature_c)
{
    char body[64];
    IOTHUB_MESSAGE_HANDLE message;

    (void)snprintf(body, sizeof(body), "{\"temperature\":%.2f}", temperature_c);
    if ((message = IoTHubMessage_CreateFromString(body)) != NULL)
    {
        (void)IoTHubMessage_SetContentTypeSystemProperty(message, "application%2Fjson");
        (void)IoTHubMessage_SetContentEncodingSystemProperty(message, "utf-8");
        (void)IoTHubDeviceClient_LL_SendEventAsync(ctx->device_client, message, NULL, NULL);
        IoTHubMessage_Destroy(message);
    }
}

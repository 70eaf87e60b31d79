/* IoT Hub connection and telemetry. */
#include <stdio.h>

#include "iothub.h"
#include "iothub_client_options.h"
#include "iothub_device_client_ll.h"
#include "iothub_message.h"
#include "iothubtransportmqtt.h"

#include "app.h"
#include "board_config.h"

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

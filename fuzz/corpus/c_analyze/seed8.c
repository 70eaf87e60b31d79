// Smart bulb application.
#include <stdio.h>
#include <stdbool.h>

#include "azure_c_shared_utility/threadapi.h"
#include "iothub_device_client.h"
#include "iothub_message.h"

#include "iot_connect.h"

static int g_brightness = 100;

static void on_twin(DEVICE_TWIN_UPDATE_STATE update_state, const unsigned char* payload, size_t size, void* context)
{
    (void)update_state; (void)context;
    (void)printf("twin update (%u bytes): %.*s\r\n", (unsigned)size, (int)size, (const char*)payload);
}

int main(void)
{
    IOTHUB_DEVICE_CLIENT_HANDLE client = iot_connect();
    if (client == NULL)
    {
        (void)printf("connection failed\r\n");
        return 1;
    }

    (void)IoTHubDeviceClient_SetDeviceTwinCallback(client, on_twin, NULL);

    for (;;)
    {
        char body[48];
        IOTHUB_MESSAGE_HANDLE msg;
        (void)snprintf(body, sizeof(body), "{\"brightness\":%d}", g_brightness);
        msg = IoTHubMessage_CreateFromString(body);
        (void)IoTHubDeviceClient_SendEventAsync(client, msg, NULL, NULL);
        IoTHubMessage_Destroy(msg);
        ThreadAPI_Sleep(30000);
    }
}

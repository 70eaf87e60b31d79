/* Contoso thermostat: provision through DPS, then report the temperature every period. */
#include <stdio.h>
#include <stdlib.h>

#include "azure_c_shared_utility/threadapi.h"
#include "iothub.h"

#include "app.h"
#include "board_config.h"

static double read_temperature_sensor(void)
{
    return 21.5;
}

int main(int argc, char** argv)
{
    APP_CONTEXT ctx = { 0 };

    if (argc < 2)
    {
        (void)fprintf(stderr, "usage: %s <id-scope>\n", argv[0]);
        return EXIT_FAILURE;
    }
    (void)IoTHub_Init();
    if (provision_device(&ctx, argv[1]) != 0 || connect_to_hub(&ctx) != 0)
    {
        IoTHub_Deinit();
        return EXIT_FAILURE;
    }
    for (;;)
    {
        send_telemetry(&ctx, read_temperature_sensor());
        IoTHubDeviceClient_LL_DoWork(ctx.device_client);
        ThreadAPI_Sleep(TELEMETRY_PERIOD_MS);
    }
}

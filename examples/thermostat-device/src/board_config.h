/* Board configuration for the Contoso thermostat, rev B. */
#ifndef BOARD_CONFIG_H
#define BOARD_CONFIG_H

#define THERMOSTAT_MODEL_ID     "dtmi:contoso:device:Thermostat;1"
#define DPS_GLOBAL_ENDPOINT     "global.azure-devices-provisioning.net"
#define TELEMETRY_PERIOD_MS     10000

#endif /* BOARD_CONFIG_H */

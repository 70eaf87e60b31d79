// #define WIFI_NAME "put the WiFi network name here and uncomment"
// #define WIFI_PASSWORD "put the WiFi network password here and uncomment"

// do not uncomment the one below if you are going to use SAS or X509
// #define IOT_CENTRAL_CONNECTION_STRING "put the iot central connect string here"

// use the ones below for SAS or X509
// REQUIRED for SAS
// #define IOT_CENTRAL_SAS_KEY ""
// #define IOT_CENTRAL_REGISTRATION_ID ""

// REQUIRED for both SAS and X509
// #define IOT_CENTRAL_SCOPE_ID ""

// REQUIRED for X509
// #define IOT_CENTRAL_USE_X509_SAMPLE_CERT

// #define DISABLE_HUMIDITY
// #define DISABLE_TEMPERATURE
// #define DISABLE_SHAKE
// #define DISABLE_GYROSCOPE
// #define DISABLE_ACCELEROMETER
// #define DISABLE_MAGNETOMETER
// #define DISABLE_PRESSURE

// if you have set any of the above(telemetry) uncomment the one below
// #define COMPILE_TIME_DEFINITIONS_SET

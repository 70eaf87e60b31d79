//! A unit test is not device code: a file that includes a test framework's header
//! (`[unit_tests]` of `grammars/c/sdk.toml`) is not read and draws no finding. On real unit
//! tests of three SDKs (`tests/data/unit-tests`, and the azure-iot-sdk-c test of
//! `tests/data/test-doubles`; MIT, PROVENANCE beside them), each with the findings it drew
//! when read as device code.

mod common;

use std::path::Path;

use aics_core::c::facts::FileFacts;
use aics_core::c::{extract_file, is_unit_test, sdk};
use aics_core::{analyze, prepare, Analysis, AnalysisOptions, Reading};

#[test]
fn real_unit_tests_are_not_read_and_draw_no_finding() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let cases = [
        // cmocka: clients created without options.
        ("unit-tests/azure-sdk-for-c", "test_az_iot_hub_client_telemetry.c", "AICS003", 11),
        // cmocka: the Model ID `UnitTest`.
        ("unit-tests/azure-iot-middleware-freertos", "azure_iot_provisioning_client_ut.c", "AICS005", 1),
        // testrunnerswitcher and umock_c: a payload `{ "json_cust_data": 123456 }`.
        ("test-doubles/azure-iot-sdk-c", "prov_device_client_ll_ut.c", "AICS001", 4),
    ];
    let options = AnalysisOptions::default();
    for (dir, file, code, drawn) in cases {
        let sources = common::under(&data.join(dir));
        let test = sources.iter().find(|s| s.path.ends_with(file)).unwrap_or_else(|| panic!("no {file} in {dir}"));
        assert!(is_unit_test(&test.text), "{file}");
        assert_eq!(prepare(test).reading(), Some(Reading::UnitTest), "{file}");
        // Its facts are those of a file without code (the split and the indices take it as
        // one), but for saying what it is.
        let facts = extract_file(&test.path, &test.text);
        assert!(facts.unit_test, "{file}");
        let empty = extract_file(&test.path, "");
        assert_eq!(format!("{:?}", FileFacts { unit_test: false, ..facts }), format!("{empty:?}"), "{file}");
        let in_test = |a: &Analysis| a.diagnostics.iter().filter(|d| d.span.path.ends_with(file)).map(|d| d.code).collect::<Vec<_>>();
        assert_eq!(in_test(&analyze(&sources, &options)), Vec::<&str>::new(), "{file}");

        // Read as code (its framework's includes blanked), it draws what it drew before.
        let as_code = common::without_test_frameworks(sources);
        let found = in_test(&analyze(&as_code, &options));
        assert_eq!(found.iter().filter(|c| **c == code).count(), drawn, "{file}: {found:?}");
    }
}

#[test]
fn a_frameworks_header_counts_as_written_or_by_its_last_components() {
    let t = &sdk::tables().unit_tests;
    for name in ["cmocka.h", "third_party/unity/src/unity.h", "umock_c/umock_c.h", "deps/umock_c/umock_c.h", "gtest/gtest.h", "testrunnerswitcher.h"] {
        assert!(t.is_test_header(name), "{name}");
    }
    // The frameworks' headers for production code (azure-iot-sdk-c's sources include
    // `umock_c_prod.h` to declare mockable functions), names that merely end alike, and a
    // path's last component alone where the entry has two.
    for name in ["umock_c/umock_c_prod.h", "mycmocka.h", "community.h", "gtest.h", "device/unity.hpp"] {
        assert!(!t.is_test_header(name), "{name}");
    }
    // Only an include line counts: not one in a line comment or a string.
    assert!(is_unit_test("#include <setjmp.h>\n  #  include <cmocka.h>\nstatic void t(void **s) { (void)s; }\n"));
    assert!(is_unit_test("#import \"unity.h\"\n"));
    assert!(!is_unit_test("// #include <cmocka.h>\nint main(void) { return 0; }\n"));
    assert!(!is_unit_test("const char *h = \"#include <cmocka.h>\";\n"));
    // Device code that includes one for its own tests, under a condition, is device code; a
    // header's include guard is no condition.
    let device = "#include \"iothub.h\"\n#ifdef UNIT_TEST\n#include \"unity.h\"\n#endif\nint main(void) { return 0; }\n";
    assert!(!is_unit_test(device));
    assert!(!is_unit_test("#if defined(TEST)\n#include <cmocka.h>\n#endif\n"));
    assert!(!is_unit_test("#ifndef WITH_TESTS\n#else\n#include <cmocka.h>\n#endif\n"));
    assert!(is_unit_test("#ifndef TEST_HELPERS_H\n#define TEST_HELPERS_H\n#ifdef __cplusplus\nextern \"C\" {\n#endif\n#include <cmocka.h>\n#endif\n"));
    assert!(is_unit_test("#ifdef __cplusplus\n#include <cstdlib>\n#endif\n#include \"testrunnerswitcher.h\"\n"));
}

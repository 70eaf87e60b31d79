//! A call's arguments are held in the call (`facts::Args`): reading a body's calls from
//! tokens allocates nothing per call of three arguments or fewer, where a list per call
//! was a sixth of the allocations of a `check` of azure-iot-sdk-c. Counted with an
//! allocator that counts, over bodies of 1,000 and 2,000 calls of the shapes the SDKs'
//! unit tests are made of.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::path::Path;

struct Counting;

thread_local! {
    /// This thread's allocations: the tests of this file run on threads of their own, at
    /// the same time (a count of the whole process once read the other test's too).
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn count() {
    let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
}

fn allocations() -> usize {
    ALLOCATIONS.with(Cell::get)
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count();
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// A test body of an SDK call and `calls` calls more (none, one, two and three arguments
/// in turn), in a file read from its heads, its bodies from tokens. (Their names are
/// short: a name of more than 24 bytes is an allocation of its own, `facts::Ident`.)
fn unit_test(calls: usize) -> String {
    let mut text = String::from("#include \"iothub_device_client_ll.h\"\nstatic int handle;\nvoid check_all(void)\n{\n");
    text += "    (void)IoTHubDeviceClient_LL_SetOption(handle, OPTION_LOG_TRACE, &trace);\n";
    let shapes = ["    umock_c_reset_all_calls();\n", "    STRICT_EXPECTED_CALL(gballoc_malloc(IGNORED_NUM_ARG));\n", "    ASSERT_ARE_EQUAL(int, 0, result);\n", "    (void)memcpy(dest, &source, sizeof(source));\n"];
    for i in 0..calls {
        text += shapes[i % shapes.len()];
    }
    text += "}\n";
    text
}

/// (allocations, calls read) of one reading of `text`.
fn read(text: &str) -> (usize, usize) {
    let before = allocations();
    let facts = aics_core::c::extract_file(Path::new("unit_test.c"), text);
    (allocations() - before, facts.calls.len())
}

#[test]
fn calls_of_few_arguments_allocate_nothing_each() {
    let (small, large) = (unit_test(1000), unit_test(2000));
    // (Once first: the tables and the thread's buffers are made at the first reading.)
    read(&small);
    let (a1, c1) = read(&small);
    let (a2, c2) = read(&large);
    // Every statement is a call, and the nested one (`gballoc_malloc` in the mock's
    // expectation) another (`sizeof` is none).
    assert_eq!((c1, c2), (1251, 2501), "the calls read");
    let per_call = (a2 - a1) as f64 / (c2 - c1) as f64;
    assert!(per_call < 0.05, "{per_call:.3} allocations per call ({a1} for {c1} calls, {a2} for {c2}): a call's arguments are held in the call");
    // And they are the arguments written.
    let facts = aics_core::c::extract_file(Path::new("unit_test.c"), &small);
    let set = facts.calls.iter().find(|c| c.name == "IoTHubDeviceClient_LL_SetOption").expect("the SDK call");
    let args: Vec<&str> = set.args.iter().map(|r| &small[r]).collect();
    assert_eq!(args, ["handle", "OPTION_LOG_TRACE", "&trace"]);
    assert_eq!(format!("{:?}", set.args), format!("{:?}", set.args.to_vec()), "printed as a list of ranges");
}

#[test]
fn calls_of_many_arguments_keep_them_all_in_order() {
    let text = "#include \"iothub_device_client_ll.h\"\nvoid f(void)\n{\n    MOCK_FUNCTION_WITH_CODE(a, b, c, d, e, g(1, 2), \"h, i\");\n    none();\n}\n";
    let facts = aics_core::c::extract_file(Path::new("unit_test.c"), text);
    let call = facts.calls.iter().find(|c| c.name == "MOCK_FUNCTION_WITH_CODE").expect("the call");
    let args: Vec<&str> = call.args.iter().map(|r| &text[r]).collect();
    assert_eq!(args, ["a", "b", "c", "d", "e", "g(1, 2)", "\"h, i\""]);
    assert_eq!((call.args.len(), call.args.first().map(|r| &text[r]), call.args.last().map(|r| &text[r])), (7, Some("a"), Some("\"h, i\"")));
    assert_eq!(call.args.get(5).map(|r| &text[r]), Some("g(1, 2)"));
    assert_eq!(call.args.get(7), None);
    let none = facts.calls.iter().find(|c| c.name == "none").expect("the call");
    assert!(none.args.is_empty() && none.args.first().is_none());
}

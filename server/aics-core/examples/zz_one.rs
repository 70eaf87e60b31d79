fn main() {
    let t = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    use aics_core::c::facts::{self, Lang};
    for _ in 0..2 {
        let s = std::time::Instant::now(); let f = facts::extract(&t); let a = s.elapsed();
        let s = std::time::Instant::now(); let _ = facts::extract_parsing_each_variant_afresh(&t, Lang::C, &|_| false); let b = s.elapsed();
        let s = std::time::Instant::now(); let _ = facts::extract_reading_blanks(&t, Lang::C, &|_| false); let c = s.elapsed();
        println!("extract {:?} (v{}), variants afresh {:?}, reading blanks {:?}", a, f.variants_parsed, b, c);
    }
}

// The kinds of the built-in rules' nodes: written by build.rs, read by `clean::builtin`. One
// file, included by both, so that the two agree.
const NULL: u8 = 0;
const FALSE: u8 = 1;
const TRUE: u8 = 2;
const U64: u8 = 3;
const I64: u8 = 4;
const F64: u8 = 5;
const STR: u8 = 6;
const SEQ: u8 = 7;
const MAP: u8 = 8;

//! The built-in rules as build.rs writes them: a flat list of nodes and their text, which the
//! rules' own `Deserialize` reads through [`Node`], a `serde::Deserializer`, as it read the JSON
//! build.rs wrote before. Nothing is parsed: what a process pays to have the rules is their
//! strings' allocations, and each list is allocated at its length at once (JSON does not say
//! how long a list is, so its vectors grew as they were read).

use serde::de::value::Error;
use serde::de::{
    self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};

include!(concat!(env!("OUT_DIR"), "/builtin-rules.rs"));

const TEXT: &str = include_str!(concat!(env!("OUT_DIR"), "/builtin-rules.txt"));

include!("builtin_kinds.rs");

/// One node of the built-in rules, by its place in `NODES`.
#[derive(Clone, Copy)]
pub(crate) struct Node(usize);

/// The whole of the built-in rules.
pub(crate) const ROOT: Node = Node(0);

impl Node {
    fn parts(self) -> (u8, u32, u32) {
        NODES[self.0]
    }

    fn bits(self) -> u64 {
        let (_, a, b) = self.parts();
        (u64::from(a) << 32) | u64::from(b)
    }

    fn text(self) -> &'static str {
        let (_, at, len) = self.parts();
        &TEXT[at as usize..(at + len) as usize]
    }
}

/// The children of a list, or the keys and values of a map, in their order.
struct Children {
    next: usize,
    end: usize,
}

impl<'de> SeqAccess<'de> for Children {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        if self.next == self.end {
            return Ok(None);
        }
        self.next += 1;
        seed.deserialize(Node(self.next - 1)).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.end - self.next)
    }
}

impl<'de> MapAccess<'de> for Children {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        if self.next == self.end {
            return Ok(None);
        }
        self.next += 1;
        seed.deserialize(Node(self.next - 1)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        self.next += 1;
        seed.deserialize(Node(self.next - 1))
    }

    fn size_hint(&self) -> Option<usize> {
        Some((self.end - self.next) / 2)
    }
}

impl<'de> Deserializer<'de> for Node {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let (kind, a, b) = self.parts();
        let (a, b) = (a as usize, b as usize);
        match kind {
            NULL => visitor.visit_unit(),
            FALSE => visitor.visit_bool(false),
            TRUE => visitor.visit_bool(true),
            U64 => visitor.visit_u64(self.bits()),
            I64 => visitor.visit_i64(self.bits() as i64),
            F64 => visitor.visit_f64(f64::from_bits(self.bits())),
            STR => visitor.visit_borrowed_str(self.text()),
            SEQ => visitor.visit_seq(Children {
                next: a,
                end: a + b,
            }),
            MAP => visitor.visit_map(Children {
                next: a,
                end: a + 2 * b,
            }),
            _ => Err(de::Error::custom(format!("node kind {kind}"))),
        }
    }

    // as serde_json reads them: null is none, anything else the value itself
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.parts().0 {
            NULL => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    // a unit variant is its name, as in YAML and JSON
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.parts().0 {
            STR => self
                .text()
                .into_deserializer()
                .deserialize_enum(name, variants, visitor),
            _ => Err(de::Error::custom(format!("{name}: a variant is a string"))),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple
        tuple_struct map struct identifier ignored_any
    }
}

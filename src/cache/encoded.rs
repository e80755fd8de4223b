//! A value as an entry keeps it: encoded when the run makes it, decoded
//! only when a run uses it. A run that fills the cache then encodes each
//! value once, while linting (in parallel), and the entry file is written
//! from bytes; entries of files a run does not check are never decoded.

use serde::de::{DeserializeOwned, Deserializer, Error, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;
use std::marker::PhantomData;

/// A `T` in postcard's encoding.
pub struct Encoded<T> {
    bytes: Vec<u8>,
    of: PhantomData<fn() -> T>,
}

impl<T: Serialize + DeserializeOwned> Encoded<T> {
    /// `None` only if `T` cannot be encoded (no type of the cache's fails).
    pub fn new(value: &T) -> Option<Self> {
        let bytes = postcard::to_stdvec(value).ok()?;
        Some(Encoded {
            bytes,
            of: PhantomData,
        })
    }

    /// `None` if the bytes are not a `T`'s (an entry of another format).
    pub fn decode(&self) -> Option<T> {
        postcard::from_bytes(&self.bytes).ok()
    }
}

impl<T> Clone for Encoded<T> {
    fn clone(&self) -> Self {
        Encoded {
            bytes: self.bytes.clone(),
            of: PhantomData,
        }
    }
}

/// As bytes (a length and the bytes), not as a sequence of numbers.
impl<T> Serialize for Encoded<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(&self.bytes)
    }
}

impl<'de, T> Deserialize<'de> for Encoded<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Bytes;
        impl<'de> Visitor<'de> for Bytes {
            type Value = Vec<u8>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("bytes")
            }
            fn visit_bytes<E: Error>(self, bytes: &[u8]) -> Result<Vec<u8>, E> {
                Ok(bytes.to_vec())
            }
            fn visit_byte_buf<E: Error>(self, bytes: Vec<u8>) -> Result<Vec<u8>, E> {
                Ok(bytes)
            }
        }
        let bytes = deserializer.deserialize_byte_buf(Bytes)?;
        Ok(Encoded {
            bytes,
            of: PhantomData,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_comes_back_as_it_went_in_and_other_bytes_do_not_decode() {
        let value = (String::from("https://example.com/"), 7_usize, true);
        let encoded = Encoded::new(&value).unwrap();
        assert_eq!(encoded.decode(), Some(value));
        let wrapped = postcard::to_stdvec(&encoded).unwrap();
        let back: Encoded<(String, usize, bool)> = postcard::from_bytes(&wrapped).unwrap();
        assert_eq!(back.bytes, encoded.bytes);
        let other = Encoded::<(String, usize, bool)> {
            bytes: vec![0xff; 3],
            of: PhantomData,
        };
        assert_eq!(other.decode(), None);
    }
}

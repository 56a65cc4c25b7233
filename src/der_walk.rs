//! Walking DER by hand, element by element, for the few paths we read without a full
//! parser (a certificate's public key, the certificates in a PKCS#7): real servers send
//! structures a strict X.509/CMS decoder may refuse for reasons that do not matter to us.

/// One DER element: its tag, its whole encoding and its contents.
pub(crate) struct Element<'a> {
    pub tag: u8,
    pub encoded: &'a [u8],
    pub contents: &'a [u8],
}

/// Why an element could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WalkError {
    Truncated,
    /// Indefinite lengths (not DER) or more than 2^24 bytes.
    UnsupportedLength,
}

/// Reads the element at the start of `data`; returns it and what follows. Definite lengths
/// of up to three length bytes; single-byte tags.
pub(crate) fn read_element(data: &[u8]) -> Result<(Element<'_>, &[u8]), WalkError> {
    let (&tag, rest) = data.split_first().ok_or(WalkError::Truncated)?;
    let (&first_length_byte, rest) = rest.split_first().ok_or(WalkError::Truncated)?;
    let (length, rest) = if first_length_byte < 0x80 {
        (usize::from(first_length_byte), rest)
    } else {
        let count = usize::from(first_length_byte & 0x7f);
        if count == 0 || count > 3 {
            return Err(WalkError::UnsupportedLength);
        }
        let (length_bytes, rest) = rest.split_at_checked(count).ok_or(WalkError::Truncated)?;
        let length = length_bytes
            .iter()
            .fold(0usize, |acc, byte| acc << 8 | usize::from(*byte));
        (length, rest)
    };
    let header_len = data.len() - rest.len();
    let (contents, rest) = rest.split_at_checked(length).ok_or(WalkError::Truncated)?;
    Ok((
        Element {
            tag,
            encoded: &data[..header_len + length],
            contents,
        },
        rest,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_lengths_and_what_follows() {
        let (element, rest) = read_element(&[0x02, 0x01, 0x05, 0xff]).unwrap();
        assert_eq!(
            (element.tag, element.contents, rest),
            (0x02, &[5u8][..], &[0xffu8][..])
        );
        let mut long = vec![0x04, 0x81, 0x80];
        long.extend([7u8; 0x80]);
        let (element, rest) = read_element(&long).unwrap();
        assert_eq!(element.contents.len(), 0x80);
        assert_eq!(element.encoded.len(), long.len());
        assert!(rest.is_empty());
    }

    #[test]
    fn damaged_lengths_are_errors() {
        assert_eq!(read_element(&[]).err(), Some(WalkError::Truncated));
        assert_eq!(
            read_element(&[0x30, 0x82, 0xff]).err(),
            Some(WalkError::Truncated)
        );
        assert_eq!(
            read_element(&[0x30, 0x05, 1]).err(),
            Some(WalkError::Truncated)
        );
        assert_eq!(
            read_element(&[0x30, 0x84, 1, 2, 3, 4]).err(),
            Some(WalkError::UnsupportedLength)
        );
        assert_eq!(
            read_element(&[0x30, 0x80]).err(),
            Some(WalkError::UnsupportedLength)
        );
    }
}

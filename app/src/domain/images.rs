//! Photos residents upload: the type is decided by the bytes, never by the name or the
//! browser's claim, and metadata (camera, time and, above all, GPS location) is removed before
//! anything is stored. Only JPEG, PNG and WebP are accepted.

/// The largest photo accepted.
pub const MAX_PHOTO_BYTES: usize = 10 * 1024 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageKind {
    Jpeg,
    Png,
    WebP,
}

impl ImageKind {
    pub fn content_type(self) -> &'static str {
        match self {
            ImageKind::Jpeg => "image/jpeg",
            ImageKind::Png => "image/png",
            ImageKind::WebP => "image/webp",
        }
    }

    pub fn from_content_type(text: &str) -> Option<ImageKind> {
        [ImageKind::Jpeg, ImageKind::Png, ImageKind::WebP]
            .into_iter()
            .find(|k| k.content_type() == text)
    }

    pub fn extension(self) -> &'static str {
        match self {
            ImageKind::Jpeg => "jpg",
            ImageKind::Png => "png",
            ImageKind::WebP => "webp",
        }
    }
}

/// What is wrong with an upload, in words for the resident.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhotoProblem {
    TooBig,
    Empty,
    NotAPhoto,
    Damaged,
}

impl PhotoProblem {
    pub fn message(self) -> &'static str {
        match self {
            PhotoProblem::TooBig => "The photo must be smaller than 10 MB",
            PhotoProblem::Empty => "The selected file is empty",
            PhotoProblem::NotAPhoto => "The photo must be a JPEG, PNG or WebP picture",
            PhotoProblem::Damaged => "The photo could not be read. Try taking it again",
        }
    }
}

/// The kind of image the bytes are, by their signature.
pub fn sniff(bytes: &[u8]) -> Option<ImageKind> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(ImageKind::Jpeg)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(ImageKind::Png)
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some(ImageKind::WebP)
    } else {
        None
    }
}

/// Checks an upload and returns its kind and the picture without metadata.
pub fn clean_photo(bytes: &[u8]) -> Result<(ImageKind, Vec<u8>), PhotoProblem> {
    if bytes.is_empty() {
        return Err(PhotoProblem::Empty);
    }
    if bytes.len() > MAX_PHOTO_BYTES {
        return Err(PhotoProblem::TooBig);
    }
    let kind = sniff(bytes).ok_or(PhotoProblem::NotAPhoto)?;
    let cleaned = match kind {
        ImageKind::Jpeg => strip_jpeg(bytes),
        ImageKind::Png => strip_png(bytes),
        ImageKind::WebP => strip_webp(bytes),
    }
    .ok_or(PhotoProblem::Damaged)?;
    Ok((kind, cleaned))
}

/// Removes APP1 to APP15 (EXIF, XMP, maker notes, ...) and comments; keeps APP0 (JFIF), the
/// tables and the image data. `None` when the structure is broken.
fn strip_jpeg(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..2]);
    let mut i = 2;
    loop {
        // Markers may be padded with 0xFF bytes.
        while bytes.get(i) == Some(&0xFF) && bytes.get(i + 1) == Some(&0xFF) {
            i += 1;
        }
        if *bytes.get(i)? != 0xFF {
            return None;
        }
        let marker = *bytes.get(i + 1)?;
        match marker {
            // Start of scan: everything after is entropy-coded data up to the end.
            0xDA => {
                out.extend_from_slice(&bytes[i..]);
                return Some(out);
            }
            0xD9 => {
                out.extend_from_slice(&bytes[i..i + 2]);
                return Some(out);
            }
            // Markers without a length.
            0x01 | 0xD0..=0xD7 => {
                out.extend_from_slice(&bytes[i..i + 2]);
                i += 2;
                continue;
            }
            _ => {}
        }
        let length = usize::from(u16::from_be_bytes([*bytes.get(i + 2)?, *bytes.get(i + 3)?]));
        if length < 2 {
            return None;
        }
        let end = i.checked_add(2 + length)?;
        let segment = bytes.get(i..end)?;
        let metadata = (0xE1..=0xEF).contains(&marker) || marker == 0xFE;
        if !metadata {
            out.extend_from_slice(segment);
        }
        i = end;
    }
}

/// Keeps only the chunks needed to draw the picture; drops text, time and EXIF chunks.
fn strip_png(bytes: &[u8]) -> Option<Vec<u8>> {
    const DROP: [&[u8; 4]; 5] = [b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"];
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..8]);
    let mut i = 8;
    let mut ended = false;
    while i < bytes.len() {
        let length = u32::from_be_bytes(bytes.get(i..i + 4)?.try_into().ok()?) as usize;
        let kind: &[u8] = bytes.get(i + 4..i + 8)?;
        let end = i.checked_add(12)?.checked_add(length)?;
        let chunk = bytes.get(i..end)?;
        if !DROP.iter().any(|d| d.as_slice() == kind) {
            out.extend_from_slice(chunk);
        }
        i = end;
        if kind == b"IEND" {
            ended = true;
            break;
        }
    }
    ended.then_some(out)
}

/// Drops the EXIF and XMP chunks of a WebP file and clears their flags in the VP8X header.
fn strip_webp(bytes: &[u8]) -> Option<Vec<u8>> {
    let declared = u32::from_le_bytes(bytes.get(4..8)?.try_into().ok()?) as usize;
    let body_end = declared.checked_add(8)?.min(bytes.len());
    let mut chunks = Vec::new();
    let mut i = 12;
    while i + 8 <= body_end {
        let kind: &[u8] = &bytes[i..i + 4];
        let size = u32::from_le_bytes(bytes[i + 4..i + 8].try_into().ok()?) as usize;
        let padded = size + (size & 1);
        let end = i.checked_add(8)?.checked_add(padded)?.min(body_end);
        if kind != b"EXIF" && kind != b"XMP " {
            let mut chunk = bytes.get(i..end)?.to_vec();
            if kind == b"VP8X" && chunk.len() > 8 {
                // Bit 3 is EXIF, bit 2 XMP.
                chunk[8] &= !0b0000_1100;
            }
            chunks.push(chunk);
        }
        i = end;
    }
    if chunks.is_empty() {
        return None;
    }
    let body: usize = chunks.iter().map(Vec::len).sum::<usize>() + 4;
    let mut out = Vec::with_capacity(body + 8);
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&u32::try_from(body).ok()?.to_le_bytes());
    out.extend_from_slice(b"WEBP");
    for chunk in chunks {
        out.extend_from_slice(&chunk);
    }
    Some(out)
}

#[cfg(test)]
pub(crate) mod samples {
    /// A small JPEG structure with an EXIF segment holding a GPS-like string, a comment, and
    /// image data. Not a viewable picture, but every marker is laid out as a camera writes it.
    pub fn jpeg_with_location() -> Vec<u8> {
        let mut b = vec![0xFF, 0xD8];
        b.extend_from_slice(&[0xFF, 0xE0, 0x00, 0x10]);
        b.extend_from_slice(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
        let exif = b"Exif\0\0GPSLatitude 52.9548N";
        b.extend_from_slice(&[0xFF, 0xE1, 0x00, (exif.len() + 2) as u8]);
        b.extend_from_slice(exif);
        let comment = b"taken at 9 Alder Court";
        b.extend_from_slice(&[0xFF, 0xFE, 0x00, (comment.len() + 2) as u8]);
        b.extend_from_slice(comment);
        b.extend_from_slice(&[0xFF, 0xDB, 0x00, 0x04, 0x00, 0x01]);
        b.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x02, 0x12, 0x34, 0x56, 0xFF, 0xD9]);
        b
    }

    fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut c = (data.len() as u32).to_be_bytes().to_vec();
        c.extend_from_slice(kind);
        c.extend_from_slice(data);
        c.extend_from_slice(&[0, 0, 0, 0]);
        c
    }

    pub fn png_with_text() -> Vec<u8> {
        let mut b = b"\x89PNG\r\n\x1a\n".to_vec();
        b.extend(png_chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]));
        b.extend(png_chunk(b"tEXt", b"Location\0Northgate"));
        b.extend(png_chunk(b"eXIf", b"GPS"));
        b.extend(png_chunk(b"IDAT", &[1, 2, 3]));
        b.extend(png_chunk(b"IEND", &[]));
        b
    }

    pub fn webp_with_exif() -> Vec<u8> {
        let mut body = b"WEBP".to_vec();
        body.extend_from_slice(b"VP8X");
        body.extend_from_slice(&10u32.to_le_bytes());
        body.extend_from_slice(&[0b0000_1100, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        body.extend_from_slice(b"VP8L");
        body.extend_from_slice(&3u32.to_le_bytes());
        body.extend_from_slice(&[1, 2, 3, 0]);
        body.extend_from_slice(b"EXIF");
        body.extend_from_slice(&4u32.to_le_bytes());
        body.extend_from_slice(b"GPS!");
        let mut b = b"RIFF".to_vec();
        b.extend_from_slice(&(body.len() as u32).to_le_bytes());
        b.extend(body);
        b
    }
}

#[cfg(test)]
mod tests {
    use super::samples::*;
    use super::*;

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn jpeg_location_and_comments_are_removed_and_the_picture_kept() {
        let (kind, clean) = clean_photo(&jpeg_with_location()).expect("a jpeg");
        assert_eq!(kind, ImageKind::Jpeg);
        assert!(!contains(&clean, b"GPSLatitude"));
        assert!(!contains(&clean, b"Alder Court"));
        assert!(contains(&clean, b"JFIF"));
        assert!(clean.ends_with(&[0x12, 0x34, 0x56, 0xFF, 0xD9]));
    }

    #[test]
    fn png_text_and_exif_chunks_are_removed() {
        let (kind, clean) = clean_photo(&png_with_text()).expect("a png");
        assert_eq!(kind, ImageKind::Png);
        assert!(!contains(&clean, b"Northgate"));
        assert!(!contains(&clean, b"eXIf"));
        assert!(contains(&clean, b"IDAT"));
        assert!(contains(&clean, b"IEND"));
    }

    #[test]
    fn webp_exif_is_removed_and_the_header_says_so() {
        let (kind, clean) = clean_photo(&webp_with_exif()).expect("a webp");
        assert_eq!(kind, ImageKind::WebP);
        assert!(!contains(&clean, b"GPS!"));
        assert_eq!(clean[20] & 0b1100, 0, "EXIF and XMP flags cleared");
        let declared = u32::from_le_bytes(clean[4..8].try_into().expect("4 bytes")) as usize;
        assert_eq!(declared + 8, clean.len());
    }

    #[test]
    fn disguised_empty_oversized_and_broken_files_are_refused() {
        assert_eq!(
            clean_photo(b"%PDF-1.7 pretending to be a photo.jpg"),
            Err(PhotoProblem::NotAPhoto)
        );
        assert_eq!(
            clean_photo(b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
            Err(PhotoProblem::NotAPhoto)
        );
        assert_eq!(clean_photo(&[]), Err(PhotoProblem::Empty));
        let mut big = jpeg_with_location();
        big.resize(MAX_PHOTO_BYTES + 1, 0);
        assert_eq!(clean_photo(&big), Err(PhotoProblem::TooBig));
        let truncated = &jpeg_with_location()[..12];
        assert_eq!(clean_photo(truncated), Err(PhotoProblem::Damaged));
        let png = png_with_text();
        assert_eq!(
            clean_photo(&png[..png.len() - 12]),
            Err(PhotoProblem::Damaged)
        );
    }
}

//! Photos residents upload: the type is decided by the bytes, never by the name or the
//! browser's claim, and metadata (camera, time and, above all, GPS location) is removed before
//! anything is stored. Only JPEG, PNG and WebP are accepted.

/// The largest photo accepted.
pub const MAX_PHOTO_BYTES: usize = 10 * 1024 * 1024;
/// The most pixels a photo may have: 50 megapixels, more than a phone's camera takes at its
/// usual setting (12 to 48). A small file can declare far more (a 2.7 MB PNG of 30,000 by 30,000
/// pixels is 2.7 GB once drawn), so the size is read from the header and checked before anything
/// draws the picture: here, in the browser, or in any later processing.
pub const MAX_PHOTO_PIXELS: u64 = 50_000_000;

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
    TooManyPixels,
}

impl PhotoProblem {
    pub fn message(self) -> &'static str {
        match self {
            PhotoProblem::TooBig => "The photo must be smaller than 10 MB",
            PhotoProblem::Empty => "The selected file is empty",
            PhotoProblem::NotAPhoto => "The photo must be a JPEG, PNG or WebP picture",
            PhotoProblem::Damaged => "The photo could not be read. Try taking it again",
            PhotoProblem::TooManyPixels => {
                "The photo has too many pixels (over 50 megapixels). Take it again at a lower resolution, or send a screenshot of it"
            }
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
    let (width, height) = dimensions(kind, bytes).ok_or(PhotoProblem::Damaged)?;
    if width == 0 || height == 0 {
        return Err(PhotoProblem::Damaged);
    }
    if u64::from(width) * u64::from(height) > MAX_PHOTO_PIXELS {
        return Err(PhotoProblem::TooManyPixels);
    }
    let cleaned = match kind {
        ImageKind::Jpeg => strip_jpeg(bytes),
        ImageKind::Png => strip_png(bytes),
        ImageKind::WebP => strip_webp(bytes),
    }
    .ok_or(PhotoProblem::Damaged)?;
    Ok((kind, cleaned))
}

/// The picture's width and height as its header declares them, without decoding it; `None`
/// when the header cannot be found.
pub fn dimensions(kind: ImageKind, bytes: &[u8]) -> Option<(u32, u32)> {
    let be16 = |at: usize| {
        Some(u32::from(u16::from_be_bytes([
            *bytes.get(at)?,
            *bytes.get(at + 1)?,
        ])))
    };
    let be32 = |at: usize| Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?));
    let le16 = |at: usize| {
        Some(u32::from(u16::from_le_bytes([
            *bytes.get(at)?,
            *bytes.get(at + 1)?,
        ])))
    };
    let le24 = |at: usize| {
        let b = bytes.get(at..at + 3)?;
        Some(u32::from(b[0]) | u32::from(b[1]) << 8 | u32::from(b[2]) << 16)
    };
    match kind {
        // The first chunk is always IHDR: width and height, four bytes each.
        ImageKind::Png => (bytes.get(12..16)? == b"IHDR").then_some((be32(16)?, be32(20)?)),
        // The frame header (SOF0 to SOF15, less DHT, JPG and DAC) before the first scan.
        ImageKind::Jpeg => {
            for segment in jpeg_segments(bytes) {
                let JpegSegment { marker, start, .. } = segment?;
                if matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
                    return Some((be16(start + 7)?, be16(start + 5)?));
                }
            }
            None
        }
        // VP8X carries the canvas size (less one, 24 bits each); otherwise the one image chunk.
        ImageKind::WebP => match bytes.get(12..16)? {
            b"VP8X" => Some((le24(24)? + 1, le24(27)? + 1)),
            // A key frame: three bytes of frame tag, the start code, then 14-bit sizes.
            b"VP8 " if bytes.get(23..26)? == [0x9D, 0x01, 0x2A] => {
                Some((le16(26)? & 0x3FFF, le16(28)? & 0x3FFF))
            }
            b"VP8L" => {
                let b = bytes.get(20..25)?;
                if b[0] != 0x2F {
                    return None;
                }
                let bits = u32::from_le_bytes([b[1], b[2], b[3], b[4]]);
                Some(((bits & 0x3FFF) + 1, (bits >> 14 & 0x3FFF) + 1))
            }
            _ => None,
        },
    }
}

/// One marker segment of a JPEG: its marker and where it lies, marker included. The start of
/// scan's segment runs to the end of the file (what follows is the entropy-coded picture).
struct JpegSegment {
    marker: u8,
    start: usize,
    end: usize,
}

/// A JPEG's marker segments in order, from after the start of image up to the start of scan or
/// the end of image; an item is `None` where the structure is broken (and is the last).
fn jpeg_segments(bytes: &[u8]) -> impl Iterator<Item = Option<JpegSegment>> + '_ {
    let mut at = Some(2);
    std::iter::from_fn(move || {
        let i = at?;
        let segment = jpeg_segment_at(bytes, i);
        at = match &segment {
            Some(s) if !matches!(s.marker, 0xDA | 0xD9) => Some(s.end),
            _ => None,
        };
        Some(segment)
    })
}

fn jpeg_segment_at(bytes: &[u8], mut i: usize) -> Option<JpegSegment> {
    // Markers may be padded with 0xFF bytes.
    while bytes.get(i) == Some(&0xFF) && bytes.get(i + 1) == Some(&0xFF) {
        i += 1;
    }
    if *bytes.get(i)? != 0xFF {
        return None;
    }
    let marker = *bytes.get(i + 1)?;
    let end = match marker {
        0xDA => bytes.len(),
        // End of image, and the markers without a length.
        0xD9 | 0x01 | 0xD0..=0xD7 => i + 2,
        _ => {
            let length = usize::from(u16::from_be_bytes([*bytes.get(i + 2)?, *bytes.get(i + 3)?]));
            if length < 2 {
                return None;
            }
            let end = i.checked_add(2 + length)?;
            bytes.get(i..end)?;
            end
        }
    };
    Some(JpegSegment {
        marker,
        start: i,
        end,
    })
}

/// Removes APP1 to APP15 (EXIF, XMP, maker notes, ...) and comments; keeps APP0 (JFIF), the
/// tables and the image data. `None` when the structure is broken.
fn strip_jpeg(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..2]);
    for segment in jpeg_segments(bytes) {
        let JpegSegment { marker, start, end } = segment?;
        let metadata = (0xE1..=0xEF).contains(&marker) || marker == 0xFE;
        if !metadata {
            out.extend_from_slice(&bytes[start..end]);
        }
        if matches!(marker, 0xDA | 0xD9) {
            return Some(out);
        }
    }
    None
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
        b.extend(jpeg_frame(4032, 3024));
        b.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x02, 0x12, 0x34, 0x56, 0xFF, 0xD9]);
        b
    }

    /// A baseline frame header (SOF0) declaring `width` by `height`, three components.
    pub fn jpeg_frame(width: u16, height: u16) -> Vec<u8> {
        let mut b = vec![0xFF, 0xC0, 0x00, 0x11, 0x08];
        b.extend_from_slice(&height.to_be_bytes());
        b.extend_from_slice(&width.to_be_bytes());
        b.extend_from_slice(&[3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
        b
    }

    /// A PNG whose header declares `width` by `height` (the data itself is a few bytes).
    pub fn png_of(width: u32, height: u32) -> Vec<u8> {
        let mut header = width.to_be_bytes().to_vec();
        header.extend_from_slice(&height.to_be_bytes());
        header.extend_from_slice(&[8, 2, 0, 0, 0]);
        let mut b = b"\x89PNG\r\n\x1a\n".to_vec();
        b.extend(png_chunk(b"IHDR", &header));
        b.extend(png_chunk(b"IDAT", &[1, 2, 3]));
        b.extend(png_chunk(b"IEND", &[]));
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
    fn a_picture_is_measured_from_its_header_and_refused_over_fifty_megapixels() {
        assert_eq!(
            dimensions(ImageKind::Png, &png_of(640, 480)),
            Some((640, 480))
        );
        assert_eq!(
            dimensions(ImageKind::Jpeg, &jpeg_with_location()),
            Some((4032, 3024))
        );
        assert_eq!(dimensions(ImageKind::WebP, &webp_with_exif()), Some((1, 1)));
        let mut lossy = b"RIFF\0\0\0\0WEBPVP8 \x0a\0\0\0\0\0\0\x9d\x01\x2a".to_vec();
        lossy.extend_from_slice(&1920u16.to_le_bytes());
        lossy.extend_from_slice(&1080u16.to_le_bytes());
        assert_eq!(dimensions(ImageKind::WebP, &lossy), Some((1920, 1080)));
        let mut lossless = b"RIFF\0\0\0\0WEBPVP8L\x05\0\0\0\x2f".to_vec();
        lossless.extend_from_slice(&((99u32) | (49u32 << 14)).to_le_bytes());
        assert_eq!(dimensions(ImageKind::WebP, &lossless), Some((100, 50)));
        // The image bomb found: 2.7 MB on disk, 900 megapixels once drawn.
        assert_eq!(
            clean_photo(&png_of(30_000, 30_000)),
            Err(PhotoProblem::TooManyPixels)
        );
        assert_eq!(
            clean_photo(&png_of(8_000, 6_000)).map(|p| p.0),
            Ok(ImageKind::Png)
        );
        assert_eq!(
            clean_photo(&png_of(8_000, 6_251)),
            Err(PhotoProblem::TooManyPixels)
        );
        let mut jpeg = vec![0xFF, 0xD8];
        jpeg.extend(jpeg_frame(65_000, 65_000));
        jpeg.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x02, 0x12, 0xFF, 0xD9]);
        assert_eq!(clean_photo(&jpeg), Err(PhotoProblem::TooManyPixels));
        // No frame header before the scan: not a picture anyone can draw.
        let headless = [0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02, 0x12, 0xFF, 0xD9];
        assert_eq!(clean_photo(&headless), Err(PhotoProblem::Damaged));
        assert_eq!(clean_photo(&png_of(0, 10)), Err(PhotoProblem::Damaged));
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

//! A plain one-page PDF of text (PDF 1.4, Helvetica), for the demo documents: real files that
//! open in any reader, made here rather than shipped as binaries.

/// Escapes text for a PDF string: backslash and brackets, and anything outside ASCII replaced.
fn pdf_text(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\\' | '(' | ')' => format!("\\{c}"),
            c if c.is_ascii() && !c.is_ascii_control() => c.to_string(),
            _ => "-".to_owned(),
        })
        .collect()
}

/// A page with a title and lines of text, wrapped at about 90 characters.
pub fn text_page(title: &str, lines: &[&str]) -> Vec<u8> {
    let mut content = format!("BT /F1 18 Tf 56 780 Td ({}) Tj ET\n", pdf_text(title));
    let mut y = 748;
    for line in lines {
        let mut current = String::new();
        let mut wrapped = Vec::new();
        for word in line.split_whitespace() {
            if current.len() + word.len() + 1 > 90 && !current.is_empty() {
                wrapped.push(std::mem::take(&mut current));
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
        wrapped.push(current);
        for part in wrapped {
            if y < 60 {
                break;
            }
            content.push_str(&format!(
                "BT /F1 11 Tf 56 {y} Td ({}) Tj ET\n",
                pdf_text(&part)
            ));
            y -= 16;
        }
        y -= 6;
    }
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>".to_owned(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
        format!("<< /Length {} >>\nstream\n{content}endstream", content.len()),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_page_is_a_pdf_with_a_correct_cross_reference() {
        let pdf = super::text_page(
            "Fire (safety)",
            &["Leave by the stairs.", "Do not use the lift."],
        );
        assert_eq!(
            crate::domain::documents::sniff(&pdf),
            Some(crate::domain::documents::FileKind::Pdf)
        );
        let text = String::from_utf8(pdf.clone()).expect("ascii");
        assert!(text.contains("(Fire \\(safety\\)) Tj"));
        let start: usize = text
            .rsplit("startxref\n")
            .next()
            .and_then(|t| t.lines().next())
            .and_then(|n| n.parse().ok())
            .expect("startxref");
        assert!(text[start..].starts_with("xref"));
        // Each object's offset points at "N 0 obj".
        for (i, line) in text[start..].lines().skip(3).take(5).enumerate() {
            let offset: usize = line[..10].parse().expect("offset");
            assert!(text[offset..].starts_with(&format!("{} 0 obj", i + 1)));
        }
    }
}

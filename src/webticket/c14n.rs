//! Exclusive XML canonicalisation (xml-exc-c14n#, without comments) for the small element
//! trees WS-Security signs: the `SignedInfo` of a web-ticket proof and the `Timestamp` it
//! references.
//!
//! Elements, attributes and text only; comments and processing instructions are dropped
//! (the "without comments" variant). No InclusiveNamespaces prefix list: the signatures
//! Lync services check do not use one. Prefixes are taken from the input text, because
//! canonical form keeps them as written.

use std::fmt::Write as _;

use roxmltree::{Document, Node};

/// The canonical form of the document's root element.
pub fn canonicalize(xml: &str) -> Result<String, roxmltree::Error> {
    let document = Document::parse(xml)?;
    Ok(canonicalize_element(document.root_element()))
}

/// The canonical form of one element and its descendants, as a document subset: namespace
/// declarations of ancestors appear only where the subtree uses them.
pub fn canonicalize_element(element: Node<'_, '_>) -> String {
    let mut out = String::new();
    write_element(element, &[], &mut out);
    out
}

/// A namespace declaration rendered by an output ancestor: (prefix, URI); "" is the default.
type Rendered<'a> = (&'a str, &'a str);

fn write_element<'a>(element: Node<'a, '_>, rendered: &[Rendered<'a>], out: &mut String) {
    let input = element.document().input_text();
    let qname = element_qname(element, input);
    let (prefix, _) = split_qname(qname);

    // Visibly utilised prefixes: the element's own and those of its prefixed attributes.
    let mut utilised: Vec<&str> = vec![prefix];
    for attribute in element.attributes() {
        let (attribute_prefix, _) = split_qname(&input[attribute.range_qname()]);
        if !attribute_prefix.is_empty()
            && attribute_prefix != "xml"
            && !utilised.contains(&attribute_prefix)
        {
            utilised.push(attribute_prefix);
        }
    }
    let mut declarations: Vec<Rendered<'a>> = Vec::new();
    for used in utilised {
        let uri = if used.is_empty() {
            element.lookup_namespace_uri(None).unwrap_or("")
        } else {
            element.lookup_namespace_uri(Some(used)).unwrap_or("")
        };
        let in_scope = rendered
            .iter()
            .rev()
            .find(|(p, _)| *p == used)
            .map(|(_, u)| *u);
        let already = match in_scope {
            Some(rendered_uri) => rendered_uri == uri,
            // An empty default namespace needs no declaration unless one was rendered.
            None => used.is_empty() && uri.is_empty(),
        };
        if !already {
            declarations.push((used, uri));
        }
    }
    declarations.sort_by(|a, b| a.0.cmp(b.0));

    out.push('<');
    out.push_str(qname);
    for (declared_prefix, uri) in &declarations {
        if declared_prefix.is_empty() {
            out.push_str(" xmlns=\"");
        } else {
            let _ = write!(out, " xmlns:{declared_prefix}=\"");
        }
        escape_attribute(uri, out);
        out.push('"');
    }
    let mut attributes: Vec<_> = element.attributes().collect();
    attributes.sort_by(|a, b| {
        (a.namespace().unwrap_or(""), a.name()).cmp(&(b.namespace().unwrap_or(""), b.name()))
    });
    for attribute in attributes {
        let _ = write!(out, " {}=\"", &input[attribute.range_qname()]);
        escape_attribute(attribute.value(), out);
        out.push('"');
    }
    out.push('>');

    let mut in_scope: Vec<Rendered<'a>> = rendered.to_vec();
    in_scope.extend(declarations);
    for child in element.children() {
        if child.is_element() {
            write_element(child, &in_scope, out);
        } else if child.is_text() {
            escape_text(child.text().unwrap_or(""), out);
        }
    }
    let _ = write!(out, "</{qname}>");
}

/// The element's name as written in its start tag.
fn element_qname<'i>(element: Node<'_, 'i>, input: &'i str) -> &'i str {
    let start = &input[element.range()];
    let name = start.strip_prefix('<').unwrap_or(start);
    let end = name
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .unwrap_or(name.len());
    &name[..end]
}

fn split_qname(qname: &str) -> (&str, &str) {
    qname.split_once(':').unwrap_or(("", qname))
}

fn escape_text(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#xD;"),
            other => out.push(other),
        }
    }
}

fn escape_attribute(value: &str, out: &mut String) {
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#x9;"),
            '\n' => out.push_str("&#xA;"),
            '\r' => out.push_str("&#xD;"),
            other => out.push(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_elements_are_expanded_and_attributes_sorted() {
        let xml = r#"<a xmlns="urn:x" z="1" b="2"><c/><d  y='q"'>t&amp;&gt;</d></a>"#;
        assert_eq!(
            canonicalize(xml).unwrap(),
            r#"<a xmlns="urn:x" b="2" z="1"><c></c><d y="q&quot;">t&amp;&gt;</d></a>"#
        );
    }

    #[test]
    fn only_visibly_used_namespaces_are_rendered_once() {
        // libxml2 (xmlC14NDocDumpMemory, exclusive 1.0) gives exactly this for the subtree.
        let xml = r#"<r xmlns:p="urn:p" xmlns:q="urn:q" xmlns:unused="urn:u"><p:b q:at="v"><p:c>x</p:c><d/></p:b></r>"#;
        let document = Document::parse(xml).unwrap();
        let b = document.root_element().first_element_child().unwrap();
        assert_eq!(
            canonicalize_element(b),
            r#"<p:b xmlns:p="urn:p" xmlns:q="urn:q" q:at="v"><p:c>x</p:c><d></d></p:b>"#
        );
    }

    #[test]
    fn a_subtree_declares_the_default_namespace_it_inherits() {
        let xml = r#"<Signature xmlns="urn:dsig"><SignedInfo><A Algorithm="x"/></SignedInfo></Signature>"#;
        let document = Document::parse(xml).unwrap();
        let signed_info = document.root_element().first_element_child().unwrap();
        assert_eq!(
            canonicalize_element(signed_info),
            r#"<SignedInfo xmlns="urn:dsig"><A Algorithm="x"></A></SignedInfo>"#
        );
    }

    #[test]
    fn comments_go_and_prefixed_attributes_sort_by_namespace() {
        let xml = r#"<w:T xmlns:w="urn:w" w:Id="t" Id="plain"><!-- c --><w:C>1</w:C></w:T>"#;
        assert_eq!(
            canonicalize(xml).unwrap(),
            r#"<w:T xmlns:w="urn:w" Id="plain" w:Id="t"><w:C>1</w:C></w:T>"#
        );
    }
}

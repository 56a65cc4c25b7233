//! The MS-SIPAE "signature string": the text a SIP message's signature is computed over.
//!
//! Each field is wrapped in `<` `>` and taken with the same case and syntax as in the
//! message; a missing value gives `<>`. This module does not parse SIP: the engine fills
//! [`SignatureFields`] from a message (rand/num/realm/targetname from the message's own
//! Authorization / Authentication-Info header when it has one, from the security
//! association otherwise).

/// The values a signature string is built from, borrowed from the message.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SignatureFields<'a> {
    /// Authentication scheme name: `NTLM`, `Kerberos` or `TLS-DSK`.
    pub protocol: &'a str,
    /// `crand` (client) or `srand` (server).
    pub rand: &'a str,
    /// `cnum` (client) or `snum` (server).
    pub num: &'a str,
    pub realm: &'a str,
    pub target_name: &'a str,
    pub call_id: &'a str,
    /// The number part of the CSeq header.
    pub cseq_number: &'a str,
    /// The method part of the CSeq header.
    pub cseq_method: &'a str,
    /// From addr-spec, without display name and angle brackets.
    pub from_uri: &'a str,
    pub from_tag: &'a str,
    /// To addr-spec, without display name and angle brackets.
    pub to_uri: &'a str,
    pub to_tag: &'a str,
    /// The `sip:` URI of P-Asserted-Identity (or P-Preferred-Identity when PAI is absent).
    pub p_asserted_identity_sip: &'a str,
    /// The `tel:` URI of P-Asserted-Identity (or P-Preferred-Identity).
    pub p_asserted_identity_tel: &'a str,
    /// The Expires header value.
    pub expires: &'a str,
    /// Status code for responses; `None` for requests, which then get no field at all.
    pub response_code: Option<u16>,
}

/// Whether signature strings of authentication protocol `version` (the `version=`
/// parameter of the server's challenge) include the To URI and the two
/// P-Asserted-Identity fields.
///
/// Version 4 includes them: SIPE's vectors, recreated from a real OC 2007 R2 ↔ OCS 2007 R2
/// exchange, prove it. Version 2 does not (SIPE's OCS 2007 vector). For version 3 sources
/// disagree: MS-SIP §3.1.4.2 lists the short field list for "version 2/3", while
/// pidgin-sipe (sipe-sign.c), which works against version 3 servers, already uses the long
/// list from version 3 on. We follow SIPE (sipe-facts §3.6). Change it here if a version 3
/// capture says otherwise.
pub fn includes_to_uri_and_asserted_identity(version: u32) -> bool {
    version >= 3
}

impl SignatureFields<'_> {
    /// The signature string for authentication protocol `version`.
    pub fn signature_string(&self, version: u32) -> String {
        let mut fields = vec![
            self.protocol,
            self.rand,
            self.num,
            self.realm,
            self.target_name,
            self.call_id,
            self.cseq_number,
            self.cseq_method,
            self.from_uri,
            self.from_tag,
        ];
        if includes_to_uri_and_asserted_identity(version) {
            fields.extend([
                self.to_uri,
                self.to_tag,
                self.p_asserted_identity_sip,
                self.p_asserted_identity_tel,
            ]);
        } else {
            fields.push(self.to_tag);
        }
        fields.push(self.expires);

        let code = self.response_code.map(|code| code.to_string());
        let mut out = String::with_capacity(fields.iter().map(|f| f.len() + 2).sum::<usize>() + 5);
        for field in fields.into_iter().chain(code.as_deref()) {
            out.push('<');
            out.push_str(field);
            out.push('>');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// sipe-facts §6: the 180 Ringing of sip-samples/004 (v4).
    #[test]
    fn v4_180_ringing_vector() {
        let fields = SignatureFields {
            protocol: "NTLM",
            rand: "1B6D47A1",
            num: "11",
            realm: "SIP Communications Service",
            target_name: "LOC-COMPANYT-FE03.COMPANY.COM",
            call_id: "41CEg82ECa0AC8i3DD7mE673t9CF4b19DAxF780x",
            cseq_number: "1",
            cseq_method: "INVITE",
            from_uri: "sip:sender@company.com",
            from_tag: "2420628112",
            to_uri: "sip:recipient@company.com",
            to_tag: "7aee15546a",
            p_asserted_identity_sip: "SIP:recipient@company.com",
            p_asserted_identity_tel: "",
            expires: "",
            response_code: Some(180),
        };
        assert_eq!(
            fields.signature_string(4),
            "<NTLM><1B6D47A1><11><SIP Communications Service><LOC-COMPANYT-FE03.COMPANY.COM>\
             <41CEg82ECa0AC8i3DD7mE673t9CF4b19DAxF780x><1><INVITE><sip:sender@company.com>\
             <2420628112><sip:recipient@company.com><7aee15546a><SIP:recipient@company.com>\
             <><><180>"
        );
    }

    /// protocol.md §7.1: OCS 2007's 200 OK (sip-samples/001), version 2.
    #[test]
    fn v2_ms_sipe_example_vector() {
        let fields = SignatureFields {
            protocol: "NTLM",
            rand: "0878F41B",
            num: "1",
            realm: "SIP Communications Service",
            target_name: "ocs1.ocs.provo.novell.com",
            call_id: "8592g5DCBa1694i5887m0D0Bt2247b3F38xAE9Fx",
            cseq_number: "3",
            cseq_method: "REGISTER",
            from_uri: "sip:gabriel@ocs.provo.novell.com",
            from_tag: "2947328781",
            to_uri: "sip:gabriel@ocs.provo.novell.com",
            to_tag: "B816D65C2300A32CFA6D371F2AF537FD",
            expires: "900",
            response_code: Some(200),
            ..Default::default()
        };
        assert_eq!(fields.signature_string(2), V2_MS_SIPE_EXAMPLE);
    }

    const V2_MS_SIPE_EXAMPLE: &str = "<NTLM><0878F41B><1><SIP Communications Service>\
        <ocs1.ocs.provo.novell.com><8592g5DCBa1694i5887m0D0Bt2247b3F38xAE9Fx><3><REGISTER>\
        <sip:gabriel@ocs.provo.novell.com><2947328781><B816D65C2300A32CFA6D371F2AF537FD><900><200>";

    fn oc2007r2_register<'a>() -> SignatureFields<'a> {
        SignatureFields {
            protocol: "NTLM",
            realm: "SIP Communications Service",
            target_name: "cosmo-ocs-r2.cosmo.local",
            call_id: "4037df9284354df39065195bd57a4b14",
            cseq_number: "3",
            cseq_method: "REGISTER",
            from_uri: "sip:user@cosmo.local",
            from_tag: "3e49177a52",
            to_uri: "sip:user@cosmo.local",
            ..Default::default()
        }
    }

    /// protocol.md §7.2: Office Communicator 2007 R2's REGISTER (sip-samples/002), v4.
    #[test]
    fn v4_oc2007r2_request_vector() {
        let fields = SignatureFields {
            rand: "13317733",
            num: "1",
            ..oc2007r2_register()
        };
        assert_eq!(
            fields.signature_string(4),
            "<NTLM><13317733><1><SIP Communications Service><cosmo-ocs-r2.cosmo.local>\
             <4037df9284354df39065195bd57a4b14><3><REGISTER><sip:user@cosmo.local><3e49177a52>\
             <sip:user@cosmo.local><><><><>"
        );
    }

    /// protocol.md §7.2: OCS 2007 R2's 200 OK (sip-samples/003), v4.
    #[test]
    fn v4_oc2007r2_response_vector() {
        let fields = SignatureFields {
            rand: "9616454F",
            num: "1",
            to_tag: "5E61CCD925D17E043D9A74835A88F664",
            expires: "7200",
            response_code: Some(200),
            ..oc2007r2_register()
        };
        assert_eq!(
            fields.signature_string(4),
            "<NTLM><9616454F><1><SIP Communications Service><cosmo-ocs-r2.cosmo.local>\
             <4037df9284354df39065195bd57a4b14><3><REGISTER><sip:user@cosmo.local><3e49177a52>\
             <sip:user@cosmo.local><5E61CCD925D17E043D9A74835A88F664><><><7200><200>"
        );
    }

    #[test]
    fn version_rule_switches_at_three() {
        assert!(!includes_to_uri_and_asserted_identity(0));
        assert!(!includes_to_uri_and_asserted_identity(2));
        assert!(includes_to_uri_and_asserted_identity(3));
        assert!(includes_to_uri_and_asserted_identity(4));
        let fields = SignatureFields {
            to_uri: "sip:to@x",
            p_asserted_identity_tel: "tel:+1",
            ..Default::default()
        };
        assert_eq!(fields.signature_string(2), "<><><><><><><><><><><><>");
        assert_eq!(
            fields.signature_string(3),
            "<><><><><><><><><><><sip:to@x><><><tel:+1><>"
        );
    }
}

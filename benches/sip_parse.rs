//! SIP parse throughput through the stream Decoder on realistic Lync traffic: the four
//! published OCS messages, and a roaming-contacts NOTIFY with a ~1 MB body (about what a
//! 5,000-contact list weighs), whole and in 16 KiB reads (one TLS record each).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use purple_lync::sip::{Decoder, Frame, Message};

const SAMPLES: [(&str, &[u8]); 4] = [
    (
        "register-200",
        include_bytes!("../tests/data/sip/001-register-200-ntlm-ocs2007.txt"),
    ),
    (
        "register-request",
        include_bytes!("../tests/data/sip/002-register-request-ntlm-auth-oc2007r2.txt"),
    ),
    (
        "register-200-gruu",
        include_bytes!("../tests/data/sip/003-register-200-ntlm-ocs2007r2-gruu.txt"),
    ),
    (
        "180-ringing",
        include_bytes!("../tests/data/sip/004-invite-180-ringing-ntlm-ocs2007r2.txt"),
    ),
];

fn roaming_contacts_notify(contacts: usize) -> Vec<u8> {
    let mut body = String::from(
        "<contactList deltaNum=\"1\" xmlns=\"http://schemas.microsoft.com/2006/09/sip/roaming-contacts\">\
         <group id=\"1\" name=\"~\"/><group id=\"2\" name=\"Team\"/>",
    );
    for i in 0..contacts {
        body.push_str(&format!(
            "<contact uri=\"sip:firstname.lastname{i:05}@company.example.com\" name=\"Firstname Lastname {i:05}\" \
             groups=\"1 2\" subscribed=\"true\"><contactExtension><contactSettings contactId=\"{i:08x}-0000-4000-8000-000000000000\"/>\
             </contactExtension></contact>",
        ));
    }
    body.push_str("</contactList>");
    let mut m = Message::request(
        "NOTIFY",
        "sip:192.168.172.6:12723;transport=tls;ms-opaque=fad3dfab32",
    )
    .unwrap();
    for (name, value) in [
        (
            "Authentication-Info",
            r#"NTLM rspauth="01000000E615438A917661BE64000000", srand="9616454F", snum="12", opaque="2BDBAC9D", qop="auth", targetname="cosmo-ocs-r2.cosmo.local", realm="SIP Communications Service""#,
        ),
        (
            "Via",
            "SIP/2.0/TLS 192.168.172.6:12723;branch=z9hG4bK8A3F1C2B;ms-received-port=12723;ms-received-cid=2600",
        ),
        (
            "From",
            "<sip:user@cosmo.local>;tag=5E61CCD925D17E043D9A74835A88F664",
        ),
        (
            "To",
            "<sip:user@cosmo.local>;tag=3e49177a52;epid=c8ca638a15",
        ),
        ("Call-ID", "4037df9284354df39065195bd57a4b15"),
        ("CSeq", "1 NOTIFY"),
        ("Event", "vnd-microsoft-roaming-contacts"),
        ("Subscription-State", "active;expires=36000"),
        (
            "Content-Type",
            "application/vnd-microsoft-roaming-contacts+xml",
        ),
        ("Max-Forwards", "70"),
    ] {
        m.add_header(name, value).unwrap();
    }
    m.set_body(body);
    m.to_bytes()
}

fn decode_all(stream: &[u8], read_size: usize) -> usize {
    let mut decoder = Decoder::new();
    let mut messages = 0;
    for read in stream.chunks(read_size) {
        decoder.push(read);
        while let Some(frame) = decoder.next_frame().unwrap() {
            if let Frame::Message(m) = frame {
                black_box(&m);
                messages += 1;
            }
        }
    }
    messages
}

fn bench_samples(c: &mut Criterion) {
    let mut group = c.benchmark_group("decoder/sample");
    for (name, bytes) in SAMPLES {
        group.throughput(Throughput::BytesDecimal(bytes.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| decode_all(black_box(bytes), bytes.len()))
        });
    }
    group.finish();

    // Many small messages in one large read, as after a burst of presence NOTIFYs.
    let mut stream = Vec::new();
    for _ in 0..64 {
        for (_, bytes) in SAMPLES {
            stream.extend_from_slice(bytes);
            stream.extend_from_slice(b"\r\n\r\n");
        }
    }
    let mut group = c.benchmark_group("decoder/stream");
    group.throughput(Throughput::BytesDecimal(stream.len() as u64));
    group.bench_function("256-messages-one-read", |b| {
        b.iter(|| decode_all(black_box(&stream), stream.len()))
    });
    group.bench_function("256-messages-16k-reads", |b| {
        b.iter(|| decode_all(black_box(&stream), 16 * 1024))
    });
    group.finish();
}

fn bench_large_notify(c: &mut Criterion) {
    let notify = roaming_contacts_notify(5000);
    let mut group = c.benchmark_group("decoder/notify-roaming-contacts");
    group.throughput(Throughput::BytesDecimal(notify.len() as u64));
    group.sample_size(30);
    group.bench_function("one-read", |b| {
        b.iter(|| decode_all(black_box(&notify), notify.len()))
    });
    group.bench_function("16k-reads", |b| {
        b.iter(|| decode_all(black_box(&notify), 16 * 1024))
    });
    group.finish();
    eprintln!("roaming-contacts NOTIFY: {} bytes", notify.len());
}

criterion_group!(benches, bench_samples, bench_large_notify);
criterion_main!(benches);

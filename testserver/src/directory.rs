//! What the server knows about each user beyond credentials: the roaming contact list, the
//! presence categories they published, and the views others get of their presence.

use std::collections::{BTreeMap, HashMap};

use purple_lync::presence::card::{ContactCard, Phone};
use purple_lync::presence::categories::{CategoryEntry, NoteKind};
use purple_lync::presence::publish::{
    NOTE_CONTAINERS, StateKind, USER_STATE_INSTANCE, note_xml, state_xml,
};
use purple_lync::presence::{Activity, Status};
use purple_lync::roster::{self, Contact, DEFAULT_GROUP_NAME, Group, OTHER_CONTACTS, Roster};
use purple_lync::xml::{self, Document};

use crate::config::{Config, User};

/// (category, instance, container): where a publication lives.
pub type PublicationKey = (String, u32, u32);

/// One user's server-side data.
#[derive(Debug, Clone)]
pub struct UserData {
    pub roster: Roster,
    pub publications: BTreeMap<PublicationKey, CategoryEntry>,
    /// Moves on with every change of what others see (the aggregate's version).
    pub presence_version: u32,
}

/// Everyone's data, by lower-case `sip:` URI.
#[derive(Debug, Default)]
pub struct Directory {
    pub users: HashMap<String, UserData>,
}

/// `sip:user@domain`, lower-case, whatever form the address came in.
pub fn user_uri(address: &str) -> String {
    roster::normalize_uri(address).to_ascii_lowercase()
}

impl Directory {
    pub fn new(config: &Config) -> Directory {
        let names: HashMap<String, Option<&str>> = config
            .users
            .iter()
            .map(|u| (user_uri(&u.sip), u.name.as_deref()))
            .collect();
        let users = config
            .users
            .iter()
            .map(|user| {
                let mut publications = BTreeMap::new();
                // The configured note stands as a static publication the user may change.
                if let Some(note) = &user.note {
                    for container in NOTE_CONTAINERS {
                        let entry = CategoryEntry {
                            name: "note".to_owned(),
                            instance: 0,
                            container,
                            version: 1,
                            publish_time: None,
                            expire_type: Some("static".to_owned()),
                            inner_xml: note_xml(Some(note), NoteKind::Personal),
                        };
                        publications.insert(("note".to_owned(), 0, container), entry);
                    }
                }
                let data = UserData {
                    roster: configured_roster(user, &names),
                    publications,
                    presence_version: 1,
                };
                (user_uri(&user.sip), data)
            })
            .collect();
        Directory { users }
    }
}

/// The contact list a user starts with: group "~" (id 1) and the configured groups in
/// name order; contact aliases are the contacts' configured names.
fn configured_roster(user: &User, names: &HashMap<String, Option<&str>>) -> Roster {
    let mut roster = Roster {
        delta_num: 1,
        ..Roster::default()
    };
    roster.groups.insert(
        1,
        Group {
            id: 1,
            name: OTHER_CONTACTS.to_owned(),
        },
    );
    let mut next_id = 2;
    for (group_name, members) in &user.groups {
        let id = if group_name == OTHER_CONTACTS || group_name == DEFAULT_GROUP_NAME {
            1
        } else {
            let id = next_id;
            next_id += 1;
            roster.groups.insert(
                id,
                Group {
                    id,
                    name: group_name.clone(),
                },
            );
            id
        };
        for member in members {
            let uri = user_uri(member);
            let name = names.get(&uri).copied().flatten().map(str::to_owned);
            let contact = roster.contacts.entry(uri.clone()).or_insert(Contact {
                uri,
                name,
                groups: Vec::new(),
                subscribed: true,
            });
            if !contact.groups.contains(&id) {
                contact.groups.push(id);
            }
        }
    }
    roster
}

/// The card others see for a configured user.
pub fn contact_card(user: &User) -> ContactCard {
    ContactCard {
        display_name: user.name.clone(),
        email: user.email.clone(),
        title: user.title.clone(),
        company: user.company.clone(),
        department: None,
        office: user.office.clone(),
        phones: user.phone.as_deref().map(Phone::work).into_iter().collect(),
    }
}

/// Availability (and activity) of a published `<state>` element.
fn published_state(entry: &CategoryEntry) -> Option<(u32, Option<Activity>, bool)> {
    let doc = Document::parse(&entry.inner_xml).ok()?;
    let state = doc.root_element();
    let availability: u32 = xml::text(xml::child(state, "availability")?)
        .trim()
        .parse()
        .ok()?;
    let activity = xml::child(state, "activity")
        .and_then(|a| a.attribute("token"))
        .map(Activity::from_token);
    let kind = state
        .attributes()
        .find(|a| a.name() == "type")
        .map(|a| a.value().to_owned())
        .unwrap_or_default();
    Some((availability, activity, kind == "userState"))
}

impl UserData {
    /// The aggregate availability of a signed-in user: what they chose (userState), else the
    /// most active of their endpoints (machineState …), else available. An idle machine
    /// dims a chosen Available to Inactive (or Away) and Busy to Busy-Idle, as OCS 2007 R2's
    /// aggregation shows contacts (its product overview); other choices stand.
    pub fn aggregate(&self) -> (u32, Option<Activity>) {
        let (availability, activity, _) = self.aggregate_with_last_active();
        (availability, activity)
    }

    /// The aggregate, and Lync's `lastActive` while it is idle or away because the machine
    /// is: when the most active endpoint published that it went idle (the server's stamp,
    /// as Lync takes it, so client clocks do not matter).
    pub fn aggregate_with_last_active(&self) -> (u32, Option<Activity>, Option<String>) {
        let (user, machine) = self.published_states();
        let (availability, activity) = match (user, &machine) {
            (Some((chosen, activity, _)), Some((active, _, _))) => {
                (dimmed_by_machine(chosen, *active), activity)
            }
            (Some((availability, activity, _)), None) => (availability, activity),
            (None, Some((availability, activity, _))) => (*availability, activity.clone()),
            (None, None) => (Status::Available.availability(), None),
        };
        let shown = Status::from_availability(availability);
        let last_active = machine
            .filter(|(active, _, _)| {
                machine_is_idle(*active) && (shown.is_idle() || shown == Status::Away)
            })
            .and_then(|(_, _, entry)| entry.publish_time.clone());
        (availability, activity, last_active)
    }

    /// The user's chosen state and their most active endpoint's state, with their entries.
    #[allow(clippy::type_complexity)]
    fn published_states(
        &self,
    ) -> (
        Option<(u32, Option<Activity>, &CategoryEntry)>,
        Option<(u32, Option<Activity>, &CategoryEntry)>,
    ) {
        let mut chosen = None;
        let mut most_active: Option<(u32, Option<Activity>, &CategoryEntry)> = None;
        for entry in self.publications.values() {
            if entry.name != "state" || entry.container != 2 {
                continue;
            }
            let Some((availability, activity, user)) = published_state(entry) else {
                continue;
            };
            if availability == 0 {
                continue;
            }
            if user && entry.instance == USER_STATE_INSTANCE {
                chosen = Some((availability, activity, entry));
            } else if most_active
                .as_ref()
                .is_none_or(|(a, _, _)| availability < *a)
            {
                most_active = Some((availability, activity, entry));
            }
        }
        (chosen, most_active)
    }

    /// The newest note (container 200; an out-of-office note wins over a personal one of
    /// the same age, as Lync shows it).
    pub fn note_entry(&self) -> Option<&CategoryEntry> {
        self.publications
            .values()
            .filter(|e| e.name == "note" && e.container == 200)
            .max_by(|a, b| {
                a.publish_time
                    .cmp(&b.publish_time)
                    .then(a.instance.cmp(&b.instance))
            })
    }

    /// Removes what only lives as long as an endpoint is signed in.
    pub fn drop_endpoint_publications(&mut self) -> bool {
        let before = self.publications.len();
        self.publications
            .retain(|_, e| e.expire_type.as_deref() != Some("endpoint"));
        before != self.publications.len()
    }
}

/// A machine state that says nobody uses the machine: Inactive or Away.
fn machine_is_idle(availability: u32) -> bool {
    let status = Status::from_availability(availability);
    status.is_idle() || status == Status::Away
}

/// A chosen availability as contacts see it while the most active machine is `machine`.
fn dimmed_by_machine(chosen: u32, machine: u32) -> u32 {
    if !machine_is_idle(machine) {
        return chosen;
    }
    let away = Status::from_availability(machine) == Status::Away;
    match Status::from_availability(chosen) {
        Status::Available if away => Status::Away.availability(),
        Status::Available => Status::Inactive.availability(),
        Status::Busy => Status::BusyIdle.availability(),
        _ => chosen,
    }
}

/// The aggregate `<state>`, with `lastActive` while the user is idle.
fn aggregate_state_xml(
    availability: u32,
    activity: Option<&Activity>,
    last_active: Option<&str>,
) -> String {
    let state = state_xml(StateKind::Aggregate, availability, activity);
    match last_active {
        Some(time) => state.replacen(
            "<state ",
            &format!(r#"<state lastActive="{}" "#, xml::escape(time)),
            1,
        ),
        None => state,
    }
}

/// The aggregate state category (instance 0, container 2) holding `state`.
fn aggregate_state_entry(data: &UserData, publish_time: &str, state: String) -> CategoryEntry {
    CategoryEntry {
        name: "state".to_owned(),
        instance: 0,
        container: 2,
        version: data.presence_version,
        publish_time: Some(publish_time.to_owned()),
        expire_type: None,
        inner_xml: state,
    }
}

/// What a watcher sees of `uri`: state (aggregate), note and contact card.
pub fn presence_categories(
    user: &User,
    data: &UserData,
    signed_in: bool,
    publish_time: &str,
) -> Vec<CategoryEntry> {
    let (availability, activity, last_active) = if signed_in {
        data.aggregate_with_last_active()
    } else {
        let status = user
            .presence
            .as_deref()
            .and_then(Status::from_id)
            .unwrap_or(Status::Offline);
        (status.availability(), None, None)
    };
    let mut entries = vec![aggregate_state_entry(
        data,
        publish_time,
        aggregate_state_xml(availability, activity.as_ref(), last_active.as_deref()),
    )];
    match data.note_entry() {
        Some(note) => entries.push(CategoryEntry {
            publish_time: note
                .publish_time
                .clone()
                .or_else(|| Some(publish_time.to_owned())),
            ..note.clone()
        }),
        // An empty note says "no note": watchers drop one they showed before.
        None => entries.push(CategoryEntry {
            name: "note".to_owned(),
            instance: 0,
            container: 200,
            version: data.presence_version,
            publish_time: Some(publish_time.to_owned()),
            expire_type: None,
            inner_xml: note_xml(None, NoteKind::Personal),
        }),
    }
    let card = contact_card(user);
    if !card.is_empty() {
        entries.push(CategoryEntry {
            name: "contactCard".to_owned(),
            instance: 0,
            container: 2,
            version: 1,
            publish_time: Some(publish_time.to_owned()),
            expire_type: None,
            inner_xml: card.to_xml(),
        });
    }
    entries
}

/// The user's own roaming view: every publication plus the aggregate, for the categories
/// in `names` (all when `None`). Returns the entries and the names with nothing left.
pub fn roaming_categories<'a>(
    data: &UserData,
    names: Option<&[&'a str]>,
    publish_time: &str,
) -> (Vec<CategoryEntry>, Vec<&'a str>) {
    let wanted = |name: &str| names.is_none_or(|n| n.contains(&name));
    let mut entries: Vec<CategoryEntry> = data
        .publications
        .values()
        .filter(|e| wanted(&e.name))
        .cloned()
        .collect();
    if wanted("state") {
        let (availability, activity) = data.aggregate();
        entries.push(aggregate_state_entry(
            data,
            publish_time,
            state_xml(StateKind::Aggregate, availability, activity.as_ref()),
        ));
    }
    let cleared = names
        .unwrap_or_default()
        .iter()
        .copied()
        .filter(|name| !entries.iter().any(|e| e.name == *name))
        .collect();
    (entries, cleared)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONFIG: &str = r#"
        domain = "contoso.test"
        [[users]]
        sip = "alice@contoso.test"
        password = "a"
        name = "Alice Anders"
        note = "In Oslo"
        [users.groups]
        "Team" = ["bob@contoso.test", "Carol@Contoso.test"]
        "Friends" = ["bob@contoso.test", "stranger@elsewhere.test"]
        "Other Contacts" = ["dave@contoso.test"]
        [[users]]
        sip = "bob@contoso.test"
        password = "b"
        name = "Bob Builder"
        presence = "busy"
        title = "Foreman"
        phone = "+1 555 0100"
    "#;

    #[test]
    fn configured_groups_become_a_roster_with_names() {
        let config = Config::from_toml(CONFIG).unwrap();
        let directory = Directory::new(&config);
        let roster = &directory.users["sip:alice@contoso.test"].roster;
        let names: Vec<&str> = roster.groups.values().map(|g| g.name.as_str()).collect();
        assert_eq!(names, ["Other Contacts", "Friends", "Team"]);
        let bob = &roster.contacts["sip:bob@contoso.test"];
        assert_eq!(bob.name.as_deref(), Some("Bob Builder"));
        assert_eq!(roster.group_names(bob), ["Friends", "Team"]);
        assert!(roster.contacts.contains_key("sip:carol@contoso.test"));
        assert_eq!(roster.contacts["sip:dave@contoso.test"].groups, [1]);
        assert_eq!(roster.contacts["sip:stranger@elsewhere.test"].name, None);
    }

    #[test]
    fn offline_users_show_their_configured_presence_and_note() {
        let config = Config::from_toml(CONFIG).unwrap();
        let directory = Directory::new(&config);
        let bob = &config.users[1];
        let entries = presence_categories(
            bob,
            &directory.users["sip:bob@contoso.test"],
            false,
            "2024-01-01T00:00:00Z",
        );
        assert!(entries[0].inner_xml.contains("<availability>6500<"));
        assert!(
            entries
                .iter()
                .any(|e| e.name == "contactCard" && e.inner_xml.contains("Foreman"))
        );
        let alice = &config.users[0];
        let alice_data = &directory.users["sip:alice@contoso.test"];
        let entries = presence_categories(alice, alice_data, false, "t");
        assert!(entries[0].inner_xml.contains("<availability>18500<"));
        assert!(
            entries
                .iter()
                .any(|e| e.name == "note" && e.inner_xml.contains("In Oslo"))
        );
        // Signed in without publications: available.
        let entries = presence_categories(alice, alice_data, true, "t");
        assert!(entries[0].inner_xml.contains("<availability>3500<"));
    }

    /// Publishes a state in container 2, as a client's SERVICE would.
    fn put_state(
        data: &mut UserData,
        instance: u32,
        kind: StateKind,
        availability: u32,
        expire: &str,
        publish_time: Option<&str>,
    ) {
        data.publications.insert(
            ("state".into(), instance, 2),
            CategoryEntry {
                name: "state".into(),
                instance,
                container: 2,
                version: 1,
                publish_time: publish_time.map(str::to_owned),
                expire_type: Some(expire.into()),
                inner_xml: state_xml(kind, availability, None),
            },
        );
    }

    #[test]
    fn the_aggregate_prefers_the_users_choice_then_the_best_endpoint() {
        let config = Config::from_toml(CONFIG).unwrap();
        let mut data = Directory::new(&config).users["sip:bob@contoso.test"].clone();
        let put = |data: &mut UserData, instance, kind, availability, expire: &str| {
            put_state(data, instance, kind, availability, expire, None);
        };
        put(
            &mut data,
            0x3000_0001,
            StateKind::Machine,
            15500,
            "endpoint",
        );
        put(&mut data, 0x3000_0002, StateKind::Machine, 3500, "endpoint");
        assert_eq!(data.aggregate().0, 3500);
        put(
            &mut data,
            USER_STATE_INSTANCE,
            StateKind::User,
            9500,
            "static",
        );
        assert_eq!(data.aggregate().0, 9500);
        assert!(data.drop_endpoint_publications());
        assert_eq!(data.publications.len(), 1);
        let (entries, cleared) = roaming_categories(&data, Some(&["state", "note"]), "t");
        assert_eq!(entries.len(), 2, "userState and the aggregate");
        assert_eq!(cleared, ["note"]);
    }

    #[test]
    fn an_idle_aggregate_says_since_when_the_endpoint_went_idle() {
        let config = Config::from_toml(CONFIG).unwrap();
        let directory = Directory::new(&config);
        let bob = &config.users[1];
        let mut data = directory.users["sip:bob@contoso.test"].clone();
        let machine = |data: &mut UserData, instance, availability, time: &str| {
            put_state(
                data,
                instance,
                StateKind::Machine,
                availability,
                "endpoint",
                Some(time),
            );
        };
        machine(&mut data, 0x3000_0001, 4500, "2026-11-26T10:00:00Z");
        let entries = presence_categories(bob, &data, true, "2026-11-26T10:05:00Z");
        assert!(
            entries[0]
                .inner_xml
                .starts_with(r#"<state lastActive="2026-11-26T10:00:00Z" "#),
            "{}",
            entries[0].inner_xml
        );
        // Another endpoint in use: not idle, no lastActive.
        machine(&mut data, 0x3000_0002, 3500, "2026-11-26T10:06:00Z");
        let entries = presence_categories(bob, &data, true, "2026-11-26T10:07:00Z");
        assert!(
            !entries[0].inner_xml.contains("lastActive"),
            "{}",
            entries[0].inner_xml
        );
    }

    #[test]
    fn an_idle_machine_dims_available_and_busy_but_not_other_choices() {
        for (chosen, machine, shown) in [
            (3500, 3500, 3500),
            (3500, 5000, 4500),
            (3500, 15500, 15500),
            (6500, 5000, 7500),
            (6500, 15500, 7500),
            (9500, 5000, 9500),
            (12500, 15500, 12500),
        ] {
            assert_eq!(
                dimmed_by_machine(chosen, machine),
                shown,
                "{chosen} + {machine}"
            );
        }
    }
}

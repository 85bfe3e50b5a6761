//! A sample inbox and draft built with the core APIs: `roundup demo` opens the TUI on it,
//! and tests use it as a realistic fixture.

use crate::compose;
use crate::config::Config;
use crate::model::{LinkState, NewLink, Sponsor};
use crate::store::{AddOutcome, EntryField, Result, Store};

struct Sample {
    url: &'static str,
    title: &'static str,
    authors: &'static [&'static str],
    publication: &'static str,
    description: &'static str,
    days_ago: i64,
}

const SAMPLES: &[Sample] = &[
    Sample {
        url: "https://www.honeycomb.io/blog/kafka-split-brain",
        title: "Kafka split-brain: a dogfood investigation",
        authors: &["Fred Hebert"],
        publication: "Honeycomb",
        description: "How a partial outage of our Kafka cluster hid behind healthy-looking dashboards.",
        days_ago: 2,
    },
    Sample {
        url: "https://www.confluent.io/blog/tiered-storage",
        title: "Tiered storage without tears",
        authors: &["Jane Doe", "Ravi Kumar"],
        publication: "Confluent",
        description: "Moving old segments to object storage, and the three places where it was not simple.",
        days_ago: 5,
    },
    Sample {
        url: "https://www.uber.com/blog/kafka-consumer-lag",
        title: "Why our Kafka consumers lagged",
        authors: &["Shahar", "Tal"],
        publication: "Uber Engineering",
        description: "A rebalance storm, traced to a client upgrade.",
        days_ago: 6,
    },
    Sample {
        url: "https://jvns.ca/blog/2026/11/dns-ttl",
        title: "What happens when a DNS TTL is zero",
        authors: &["Julia Evans"],
        publication: "Julia Evans",
        description: "Resolvers disagree, and that is fine, mostly.",
        days_ago: 1,
    },
    Sample {
        url: "https://incident.io/blog/on-call-handoffs",
        title: "Better on-call handoffs",
        authors: &[],
        publication: "incident.io",
        description: "A checklist for the five minutes that matter.",
        days_ago: 3,
    },
    Sample {
        url: "https://status.heroku.com/incidents/2741",
        title: "Heroku",
        authors: &[],
        publication: "Heroku Status",
        description: "Elevated error rates for apps in the EU region.",
        days_ago: 1,
    },
    Sample {
        url: "https://netflixtechblog.com/chaos-at-scale",
        title: "Chaos engineering at scale",
        authors: &[
            "Shyam Gala",
            "Javier Fernandez-Ivern",
            "Anup Rokkam Pratap",
            "Devang Shah",
        ],
        publication: "Netflix",
        description: "Running experiments on the control plane without waking anyone.",
        days_ago: 9,
    },
    Sample {
        url: "https://aws.amazon.com/message/12721",
        title: "Summary of the us-east-1 service event",
        authors: &[],
        publication: "AWS",
        description: "The post-incident summary.",
        days_ago: 4,
    },
];

fn days_ago(d: i64) -> String {
    (chrono::Utc::now() - chrono::Duration::days(d))
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn add(store: &Store, s: &Sample) -> Result<i64> {
    let link = NewLink {
        url: s.url.into(),
        title: Some(s.title.into()),
        authors: s.authors.iter().map(|a| a.to_string()).collect(),
        publication: Some(s.publication.into()),
        description: Some(s.description.into()),
        added_at: Some(days_ago(s.days_ago)),
        ..Default::default()
    };
    match store.add_link(&link)? {
        AddOutcome::Added(id) => Ok(id),
        AddOutcome::Duplicate(l) => Ok(l.id),
    }
}

/// Fills `store` (expected empty) with a published issue #379, a draft #380 holding three
/// entries, a sponsor and an intro, and an inbox of links (one held, one featured before).
pub fn build(store: &Store) -> Result<()> {
    let mut config = Config::builtin().unwrap_or_default();
    config.newsletter.first_number = 379;
    let ids: Vec<i64> = SAMPLES
        .iter()
        .map(|s| add(store, s))
        .collect::<Result<_>>()?;

    let old = compose::new_issue(store, &config, None)?;
    let articles =
        |issue: &crate::model::Issue, i: usize| issue.sections.get(i).map(|s| s.id).unwrap_or(0);
    let e = compose::place_link(store, &config, ids[6], Some(articles(&old, 0)))?;
    store.update_entry_field(
        e.id,
        EntryField::Blurb("Experiments on the control plane, safely.".into()),
    )?;
    compose::publish(store, old.number)?;
    // Featured before, yet back in the inbox: the list marks it.
    store.set_link_state(ids[6], LinkState::Inbox)?;

    let draft = compose::new_issue(store, &config, None)?;
    store.set_sponsor(
        draft.id,
        Some(&Sponsor {
            name: "Rootly".into(),
            url: Some("https://rootly.com/demo".into()),
            message: Some(
                "Curious how companies like Figma run incidents in Slack? See the demo.".into(),
            ),
        }),
    )?;
    store.set_intro(
        draft.id,
        Some("A short note from the editor: thanks for reading."),
    )?;
    let e = compose::place_link(store, &config, ids[0], Some(articles(&draft, 0)))?;
    store.update_entry_field(
        e.id,
        EntryField::Blurb(
            "A careful investigation of a partial outage that *looked* healthy.".into(),
        ),
    )?;
    store.update_entry_field(
        e.id,
        EntryField::Quotes(vec![
            "The hard part was never the alert; it was believing it.".into(),
        ]),
    )?;
    compose::place_link(store, &config, ids[1], Some(articles(&draft, 0)))?;
    compose::place_link(store, &config, ids[5], Some(articles(&draft, 1)))?;
    store.set_link_state(ids[2], LinkState::Held)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_has_an_inbox_and_a_draft() {
        let store = Store::open_in_memory().unwrap();
        build(&store).unwrap();
        let draft = store.current_draft().unwrap().unwrap();
        assert_eq!(draft.number, 380);
        assert_eq!(draft.sections[0].entries.len(), 2);
        assert_eq!(store.count_links(LinkState::Inbox).unwrap(), 4);
        assert_eq!(store.link(7).unwrap().featured_in, vec![379]);
    }
}

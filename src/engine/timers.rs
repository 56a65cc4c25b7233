//! Named deadlines. The glue arms one libpurple timer for the earliest of them.

use std::time::Instant;

/// What a deadline is for. One deadline per name; setting it again moves it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Timer {
    /// A client transaction got no final response in time (the number is its CSeq).
    Transaction(u32),
    /// Renew the registration before the server's Expires runs out.
    RegisterRefresh,
    /// Send a CRLF keep-alive when nothing else was sent for a while.
    KeepAlive,
    /// Probe a silent server, or give up on one that did not answer the probe.
    Liveness,
    /// Give up on a connection attempt that neither succeeds nor fails.
    ConnectTimeout,
    /// Renew a subscription before it expires.
    SubscriptionRefresh(u32),
    /// Start over after the security association's lifetime.
    Reauthenticate,
}

/// The set of armed deadlines.
#[derive(Debug, Default, Clone)]
pub struct Timers {
    deadlines: Vec<(Timer, Instant)>,
}

impl Timers {
    pub fn set(&mut self, timer: Timer, at: Instant) {
        match self.deadlines.iter_mut().find(|(t, _)| *t == timer) {
            Some(entry) => entry.1 = at,
            None => self.deadlines.push((timer, at)),
        }
    }

    pub fn cancel(&mut self, timer: Timer) {
        self.deadlines.retain(|(t, _)| *t != timer);
    }

    pub fn cancel_all(&mut self) {
        self.deadlines.clear();
    }

    pub fn is_set(&self, timer: Timer) -> bool {
        self.deadlines.iter().any(|(t, _)| *t == timer)
    }

    /// The earliest deadline, for the glue's one timer.
    pub fn next_deadline(&self) -> Option<Instant> {
        self.deadlines.iter().map(|(_, at)| *at).min()
    }

    /// Removes and returns every timer due at `now`, earliest first.
    pub fn take_expired(&mut self, now: Instant) -> Vec<Timer> {
        let mut due: Vec<(Timer, Instant)> = self
            .deadlines
            .iter()
            .copied()
            .filter(|(_, at)| *at <= now)
            .collect();
        due.sort_by_key(|(t, at)| (*at, *t));
        self.deadlines.retain(|(_, at)| *at > now);
        due.into_iter().map(|(t, _)| t).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn earliest_deadline_and_expiry_order() {
        let t0 = Instant::now();
        let mut timers = Timers::default();
        timers.set(Timer::KeepAlive, t0 + Duration::from_secs(60));
        timers.set(Timer::RegisterRefresh, t0 + Duration::from_secs(30));
        timers.set(Timer::Transaction(3), t0 + Duration::from_secs(32));
        assert_eq!(timers.next_deadline(), Some(t0 + Duration::from_secs(30)));
        assert!(timers.take_expired(t0 + Duration::from_secs(29)).is_empty());
        assert_eq!(
            timers.take_expired(t0 + Duration::from_secs(40)),
            [Timer::RegisterRefresh, Timer::Transaction(3)]
        );
        assert_eq!(timers.next_deadline(), Some(t0 + Duration::from_secs(60)));
    }

    #[test]
    fn setting_again_moves_the_deadline() {
        let t0 = Instant::now();
        let mut timers = Timers::default();
        timers.set(Timer::KeepAlive, t0 + Duration::from_secs(60));
        timers.set(Timer::KeepAlive, t0 + Duration::from_secs(10));
        assert_eq!(timers.next_deadline(), Some(t0 + Duration::from_secs(10)));
        timers.cancel(Timer::KeepAlive);
        assert_eq!(timers.next_deadline(), None);
        assert!(!timers.is_set(Timer::KeepAlive));
    }
}

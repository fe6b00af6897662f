# The stored form of an event (value of the `events` column family).
# On-disk format: ordinals are append-only; never renumber, retype or remove a field.
@0xe4c2a3fe30834c87;

$import "/capnp/c++.capnp".namespace("annals::schema");

struct Date {
  startUs @0 :Int64;      # first microsecond of the period, UTC
  precision @1 :UInt8;    # annals::Precision
  qualifiers @2 :UInt8;   # bit 1: approximate (~), bit 2: uncertain (?)
  unspecifiedDigits @3 :UInt8;  # trailing date digits written X (annals::Date), 0-8
}

struct Time {
  first @0 :Date;         # meaningful when hasFirst
  second @1 :Date;        # meaningful when hasSecond
  hasFirst @2 :Bool;
  hasSecond @3 :Bool;
  isInterval @4 :Bool;
  startUnknown @5 :Bool;  # interval start written empty (/B); only when not hasFirst
  endUnknown @6 :Bool;    # interval end written empty (A/); only when not hasSecond
}

struct Actor {
  name @0 :Text;          # display name
  role @1 :Text;
  number @2 :UInt32;      # dictionary number of the actor
  roleNumber @3 :UInt32;  # dictionary number of the role's lookup key; 0: no role
}

struct Attr {
  key @0 :Text;
  kind @1 :UInt8;         # annals::Attr::Kind
  value @2 :Text;
}

struct Event {
  id @0 :Text;
  time @1 :Time;
  type @2 :Text;
  typeNumber @3 :UInt32;  # 0: no type
  title @4 :Text;
  actors @5 :List(Actor);
  location @6 :Text;
  source @7 :Text;
  recorded @8 :Date;
  ingestedUs @9 :Int64;
  attrs @10 :List(Attr);
  contentHash @11 :Data;  # 16 bytes: hash of the record as given (see record_codec.h)
}

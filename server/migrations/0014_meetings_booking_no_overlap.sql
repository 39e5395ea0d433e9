-- MTG-2: two live bookings of one room never overlap, also under concurrent requests. An exclusion
-- constraint over (room as a one-point int4range, time as a half-open tstzrange): the range types
-- have built-in GiST operator classes, so no btree_gist extension is needed (PGlite has none).
ALTER TABLE "room_bookings" ADD CONSTRAINT "room_bookings_no_overlap"
  EXCLUDE USING gist (int4range("room_id", "room_id", '[]') WITH =, tstzrange("starts_at", "ends_at") WITH &&)
  WHERE ("status" = 'active');

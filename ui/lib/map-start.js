// Which map the map section shows, and the first data it shows: apart from the map's own code,
// so the shell can ask for that data while the code loads (lib/view-loader.js).

/** The map to show: the one asked for, else the one shown, else the first active one, else any. */
export function chooseMap(maps, wantedId, shownId) {
  const active = maps.filter((m) => !m.archived);
  return maps.find((m) => m.id === wantedId) ?? maps.find((m) => m.id === shownId) ?? active[0] ?? maps[0] ?? null;
}

/**
 * The map section's first data: `{ maps, mapId, cards }`, its maps and, for the map it opens on
 * (`wantedId`, from the address, else as `chooseMap` chooses), that map's id and its cards,
 * asked for as soon as the maps are known. `cards` resolves to [placements, support], support
 * null when it could not be read (the map shows without it); both are null without maps.
 */
export async function firstMapData(api, wantedId) {
  const maps = await api.listMaps(true);
  const map = chooseMap(maps, wantedId, null);
  if (!map) return { maps, mapId: null, cards: null };
  const cards = Promise.all([api.mapPlacements(map.id), api.mapSupport(map.id).catch(() => null)]);
  cards.catch(() => {}); // the view reports a failure, once mounted
  return { maps, mapId: map.id, cards };
}

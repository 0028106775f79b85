// The only module that talks to the Rust side. Views call these named functions.

import { appEvents } from './app-events.js';

/** An error from the app, in the one shape the core sends: a stable code, a message, maybe a field. */
export class ApiError extends Error {
  constructor({ code, message, field }) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.field = field ?? null;
  }
}

/** Turns whatever a failed call produced into an ApiError a view can show. */
export function toApiError(raw) {
  if (raw instanceof ApiError) return raw;
  if (raw && typeof raw === 'object' && typeof raw.code === 'string' && typeof raw.message === 'string') {
    return new ApiError(raw);
  }
  const message = raw instanceof Error ? raw.message : String(raw);
  return new ApiError({ code: 'app.unexpected', message: `Something went wrong: ${message}` });
}

/** Builds the API over an `invoke(command, args)` function (Tauri's, or a fake in tests). */
export function createApi(invoke) {
  const call = async (command, args) => {
    try {
      return await invoke(command, args);
    } catch (raw) {
      throw toApiError(raw);
    }
  };
  return {
    status: () => call('app_status'),
    startFresh: () => call('start_fresh'),
    restoreLatestBackup: () => call('restore_latest_backup'),
    /** Opens encrypted data; resolves to the new status (ready, or why not). */
    unlock: (passphrase) => call('unlock', { passphrase }),
    lockNow: () => call('lock_now'),
    /** Encrypts (`passphrase`), changes or removes (no `passphrase`) it; `current` when encrypted. */
    setEncryption: (current, passphrase) => call('set_encryption', { current, passphrase }),
    listPeople: (query = '') => call('list_people', { query }),
    /**
     * A slice of the people list: { total, offset, people }; with `around`, the page holding that
     * person. `list` is { query, filters?, sort?, descending? } (see people-filters.js).
     */
    peoplePage: (list, offset, limit, around = null) => call('people_page', { list, offset, limit, around }),
    addPerson: (input) => call('add_person', { input }),
    updatePerson: (id, input) => call('update_person', { id, input }),
    deletePerson: (id) => call('delete_person', { id }),
    restorePerson: (id) => call('restore_person', { id }),
    markFormer: (id) => call('mark_former', { id }),
    listFormerPeople: () => call('list_former_people'),
    sendTestReminder: () => call('send_test_reminder'),

    getProfile: (personId) => call('get_profile', { personId }),
    saveProfile: (personId, profile) => call('save_profile', { personId, profile }),
    logInteraction: (input) => call('log_interaction', { input }),
    personTimeline: (personId) => call('person_timeline', { personId }),
    deleteInteraction: (id) => call('delete_interaction', { id }),
    listConflicts: (personId) => call('list_conflicts', { personId }),
    openConflict: (input) => call('open_conflict', { input }),
    resolveConflict: (id, resolution) => call('resolve_conflict', { id, resolution }),
    deleteConflict: (id) => call('delete_conflict', { id }),
    /** Everything matching `query`, grouped: { people, interactions, favours, promises }. */
    searchEverything: (query) => call('search_everything', { query }),
    listFavours: (personId) => call('list_favours', { personId }),
    recordFavour: (input) => call('record_favour', { input }),
    setFavourDone: (id, done) => call('set_favour_done', { id, done }),
    /** Thanks for a done favour: how, and optionally the impact the help had (a follow-up comes 21 days later). */
    thankFavour: (id, how, impact = '') => call('thank_favour', { id, how, impact }),
    deleteFavour: (id) => call('delete_favour', { id }),
    listPromises: (personId) => call('list_promises', { personId }),
    makePromise: (input) => call('make_promise', { input }),
    setPromiseStatus: (id, status) => call('set_promise_status', { id, status }),
    deletePromise: (id) => call('delete_promise', { id }),

    listMaps: (includeArchived = false) => call('list_maps', { includeArchived }),
    createMap: (input) => call('create_map', { input }),
    updateMap: (id, input) => call('update_map', { id, input }),
    archiveMap: (id, archived) => call('archive_map', { id, archived }),
    deleteMap: (id) => call('delete_map', { id }),
    mapPlacements: (mapId) => call('map_placements', { mapId }),
    placePerson: (mapId, personId, position, stance = null) => call('place_person', { mapId, personId, position, stance }),
    setStance: (mapId, personId, stance) => call('set_stance', { mapId, personId, stance }),
    setDesired: (mapId, personId, desired) => call('set_desired', { mapId, personId, desired }),
    unplacePerson: (mapId, personId) => call('unplace_person', { mapId, personId }),
    mapStateAt: (mapId, at) => call('map_state_at', { mapId, at }),
    mapMoves: (mapId, from, to) => call('map_moves', { mapId, from, to }),
    mapHistorySpan: (mapId) => call('map_history_span', { mapId }),
    mapGaps: (mapId) => call('map_gaps', { mapId }),
    /** [{ map_id, map_name, stance, quadrant }]: the person's stance on each map. */
    personStances: (personId) => call('person_stances', { personId }),
    /** Saves an SVG (text) or PNG (data URL) export where the user chooses in the save dialog;
     * resolves to the file's path, or null when they cancelled. */
    exportMap: (name, format, content) => call('export_map', { name, format, content }),

    /** { overdue, today, upcoming, done, held_until, paused_until, time_zone, desktop_problem } */
    remindersOverview: () => call('reminders_overview'),
    overdueReminders: () => call('overdue_reminders'),
    completeReminder: (subject) => call('complete_reminder', { subject }),
    /** `choice`: { for: 'hour' | 'day' | 'tomorrow_morning' | 'next_week' } or { for: 'until', at }. */
    snoozeReminder: (subject, choice) => call('snooze_reminder', { subject, choice }),
    dismissReminder: (subject) => call('dismiss_reminder', { subject }),
    addReminder: (input) => call('add_reminder', { input }),
    getReminder: (id) => call('get_reminder', { id }),
    editReminder: (id, input) => call('edit_reminder', { id, input }),
    deleteReminder: (id) => call('delete_reminder', { id }),
    listCheckIns: () => call('list_check_ins'),
    addCheckIn: (input) => call('add_check_in', { input }),
    deleteCheckIn: (id) => call('delete_check_in', { id }),
    /** { settings, time_zones } */
    getReminderSettings: () => call('get_reminder_settings'),
    saveReminderSettings: (settings) => call('save_reminder_settings', { settings }),
    /** `choice`: 'hour' | 'until_tomorrow' | 'resume'. */
    pauseReminders: (choice) => call('pause_reminders', { choice }),
    getAutostart: () => call('get_autostart'),
    /** `format` 'linkedin' | 'csv' | 'vcard'; `path` a file chosen in the open dialog or dropped. */
    importPreview: (format, path, mapping = null) => call('import_preview', { format, path, mapping }),
    importApply: (format, path, mapping, onDuplicate) => call('import_apply', { format, path, mapping, onDuplicate }),
    /** Each export opens the save dialog; resolves to the file's path, or null when cancelled. */
    exportPeopleCsv: () => call('export_people_csv'),
    exportPeopleRedacted: () => call('export_people_redacted'),
    exportPeopleVcard: () => call('export_people_vcard'),
    exportCalendar: () => call('export_calendar'),
    /** Saves the JSON backup where the user chooses; deleted records only `withDeleted`. */
    saveBackup: (withDeleted = false) => call('save_backup', { withDeleted }),
    /** `path`: a backup chosen in the open dialog or dropped. Resolves to where the replaced data went. */
    /** Restores a backup file; an encrypted one opens with `passphrase`, else the data's own. */
    restoreBackupFile: (path, passphrase = null) => call('restore_backup_file', { path, passphrase }),
    /** { folder, copies: [{ path, taken_at, reason, bytes }] } */
    listSnapshots: () => call('list_snapshots'),
    restoreSnapshot: (path) => call('restore_snapshot', { path }),
    personLinks: (personId) => call('person_links', { personId }),
    /** `input`: { from_id (null: you), to_id, kind, strength, note }. */
    addLink: (input) => call('add_link', { input }),
    deleteLink: (id) => call('delete_link', { id }),
    /** [{ steps: [{ person_id, strength, kind }], cost }]: the best ways to be introduced. */
    introPaths: (personId) => call('intro_paths', { personId }),
    networkGraph: (mapId = null, focus = null) => call('network_graph', { mapId, focus }),
    insights: () => call('insights'),
    review: (mapId) => call('review', { mapId }),
    exportReview: (mapId) => call('export_review', { mapId }),
    currentTour: () => call('current_tour'),
    createTour: (input) => call('create_tour', { input }),
    updateTour: (id, input) => call('update_tour', { id, input }),
    deleteTour: (id) => call('delete_tour', { id }),
    addTourStop: (tourId, input) => call('add_tour_stop', { tourId, input }),
    recordTourMeeting: (stopId, input) => call('record_tour_meeting', { stopId, input }),
    clearTourMeeting: (stopId) => call('clear_tour_meeting', { stopId }),
    addTourSuggestion: (stopId, person) => call('add_tour_suggestion', { stopId, person }),
    deleteTourStop: (stopId) => call('delete_tour_stop', { stopId }),
    listGroups: () => call('list_groups'),
    addGroup: (input) => call('add_group', { input }),
    updateGroup: (id, input) => call('update_group', { id, input }),
    deleteGroup: (id) => call('delete_group', { id }),
    /** `on` is a day, "YYYY-MM-DD". */
    attendGroup: (groupId, on, note = '') => call('attend_group', { groupId, on, note }),
    groupAttendance: (groupId) => call('group_attendance', { groupId }),
    deleteAttendance: (id) => call('delete_attendance', { id }),
    setAutostart: (enabled) => call('set_autostart', { enabled }),
    /** 'names' | 'initials' | 'roles': so reminder pop-ups hide names while presenting too. */
    setPresenting: (mode) => call('set_presenting', { mode }),
    undo: () => call('undo'),
    redo: () => call('redo'),
    recentChanges: () => call('recent_changes'),
    /** Changes an interaction: `input` as for logInteraction; no `occurred_at` keeps its time. */
    editInteraction: (id, input) => call('edit_interaction', { id, input }),
    /** Changes a favour: { direction, description, status, done_at }. */
    editFavour: (id, input) => call('edit_favour', { id, input }),
    /** Changes a promise: { owner, description, due_on, status }; an empty due_on clears it. */
    editPromise: (id, input) => call('edit_promise', { id, input }),
    /** Changes a conflict: { description, resolve_by }; an empty resolve_by clears it. */
    editConflict: (id, input) => call('edit_conflict', { id, input }),
    /** A page of a person's timeline, newest first: { interactions, older }; pass `older` back for the next. */
    personTimelinePage: (personId, before = null) => call('person_timeline_page', { personId, before }),
    /** `input`: { kind, strength, note }; the link's ends stay. */
    editLink: (id, input) => call('edit_link', { id, input }),
    /** `on` is a day, "YYYY-MM-DD". */
    editAttendance: (id, on, note = '') => call('edit_attendance', { id, on, note }),
    /** [{ id, title, start_on, met, total }], the current tour first. */
    listTours: () => call('list_tours'),
    getTour: (id) => call('get_tour', { id }),
    setTourStopWeek: (stopId, week) => call('set_tour_stop_week', { stopId, week }),
    /** `input`: { label, start_on, person_id }. */
    editCheckIn: (id, input) => call('edit_check_in', { id, input }),
    /** { days, source: { from: 'own' } | { from: 'quadrant', map_id, map_name, quadrant } }, or null. */
    personCadence: (personId) => call('person_cadence', { personId }),
    /** `answer` is { answer: 'done' | 'got_in_touch' (with kind, note) | 'resolved' (with how) | 'kept' | 'not_kept' | 'ask_again' | 'met' | 'went' | 'agreed' | 'declined' | 'logged_one_on_one' (with note) }. */
    answerReminder: (subject, answer) => call('answer_reminder', { subject, answer }),
    reviewPage: () => call('review_page'),
    /** The ids of everyone the list `list` shows, in its order. */
    peopleIds: (list) => call('people_ids', { list }),
    /** What the People filters offer: { tags, departments, organisations, maps: [{ id, name }] }. */
    peopleFilterChoices: () => call('people_filter_choices'),
    /**
     * One action on all of `ids`, e.g. { kind: 'add_tag', tag }, { kind: 'place', map_id, quadrant },
     * { kind: 'set_cadence', days }, { kind: 'mark_former' }, { kind: 'delete' }: { selected, changed }.
     */
    bulkChangePeople: (ids, action) => call('bulk_change_people', { ids, action }),
    /** Fills the sample workspace (one undoable step): { people, map_id, map_name }. */
    addSampleWorkspace: () => call('add_sample_workspace'),
    /**
     * Removes the sample (one undoable step): { people, kept: [{ id, name, role }], kept_map };
     * `kept` are sample people the user's own records refer to, which stay.
     */
    removeSampleWorkspace: () => call('remove_sample_workspace'),
    /** Whether the sample is there: { present, people }. */
    sampleWorkspaceStatus: () => call('sample_workspace_status'),
    /** Opens the system's open dialog for `opening` ('people' | 'backup'); resolves to the chosen
     * path, or null when the user cancelled. */
    chooseFileToOpen: (opening) => call('choose_file_to_open', { opening }),
    /** A person's emails and phone numbers, each { kind: 'email' | 'phone', value, label },
     * the person's own email first. */
    personContacts: (personId) => call('person_contacts', { personId }),
    /** Encrypted data locks itself after `minutes` without use (0: never), as chosen in Settings. */
    setLockAfter: (minutes) => call('set_lock_after', { seconds: Math.round(minutes * 60) }),
    /** The user is using the window (reading, moving around): encrypted data stays open. */
    noteActivity: () => call('note_activity'),
    /** Removes a person for good, now (not undoable): { people, records, history_steps }. */
    deletePersonPermanently: (id) => call('delete_person_permanently', { id }),
    /** People deleted and not yet removed for good, most recently deleted first. */
    listDeletedPeople: () => call('list_deleted_people'),
    /** How many days deleted records are kept before they are removed for good. */
    purgeDays: () => call('purge_days'),
    /** Sets that period (1 to 3650 days); resolves to the days saved. */
    setPurgeDays: (days) => call('set_purge_days', { days }),
    /** My wins, newest first: [{ id, title, won_on, impact, map_id, map_name, link, known_by }]. */
    listWins: () => call('list_wins'),
    /** A win with `shares`: [{ id, person_id, name, role, shared_on, how }], latest first. */
    getWin: (id) => call('get_win', { id }),
    /** `input`: { title, won_on, impact, map_id, link }. */
    createWin: (input) => call('create_win', { input }),
    updateWin: (id, input) => call('update_win', { id, input }),
    deleteWin: (id) => call('delete_win', { id }),
    /** Records that someone heard of a win; `input`: { person_id, shared_on, how }. */
    tellWin: (winId, input) => call('tell_win', { winId, input }),
    forgetWinShare: (id) => call('forget_win_share', { id }),
    /** What a person knows of your work: the wins told to them, latest first. */
    personWins: (personId) => call('person_wins', { personId }),
    /** Goals with powerful people who heard of none of your recent wins, and the win to tell. */
    winsGap: () => call('wins_gap'),
    /** { department, level, manager_id, organisation }. */
    getAboutMe: () => call('get_about_me'),
    saveAboutMe: (input) => call('save_about_me', { input }),
    /** What About me says: the boss as an ally, allies by department and level, boss's peers, gaps. */
    aboutMeInsights: () => call('about_me_insights'),
    /** Every ask, waiting ones first: { id, person_id, person_name, kind, map_id, map_name, forum_id, forum_name, what, status, approached_at, asked_at, answered_at, answer_due }. */
    listAsks: () => call('list_asks'),
    /** A person's asks, in the same order. */
    personAsks: (personId) => call('person_asks', { personId }),
    /** Records an ask, approached now: { person_id, kind, map_id?, forum_id?, what }. */
    addAsk: (input) => call('add_ask', { input }),
    editAsk: (id, input) => call('edit_ask', { id, input }),
    /** Moves an ask to approached, asked, agreed or declined, dated now. */
    moveAsk: (id, status) => call('move_ask', { id, status }),
    deleteAsk: (id) => call('delete_ask', { id }),
    /** Every forum with its members, its advocates and whether it is a gap. */
    listForums: () => call('list_forums'),
    /** Adds a forum: { name, decides, map_id?, members: [person ids] }. */
    addForum: (input) => call('add_forum', { input }),
    editForum: (id, input) => call('edit_forum', { id, input }),
    deleteForum: (id) => call('delete_forum', { id }),
    /** A goal's agreed asks and its forums with their advocates: { map_id, agreed, forums }. */
    mapSupport: (mapId) => call('map_support', { mapId }),
    /** A person's birthday, work anniversary and start date: [{ kind, month, day, year, remind }]. */
    personDates: (personId) => call('person_dates', { personId }),
    /** Sets one: input { kind, date: "1985-04-12" or "--04-12", remind: true|false|null }. */
    setPersonDate: (personId, input) => call('set_person_date', { personId, input }),
    /** Removes the person's date of `kind`; resolves to the dates left. */
    removePersonDate: (personId, kind) => call('remove_person_date', { personId, kind }),
    /** Puts a group on the shortlist (on = true) or takes it off. */
    shortlistGroup: (id, on) => call('shortlist_group', { id, on }),
    /** Makes group `id` the one to focus on (null: none); resolves to every group. */
    focusGroup: (id) => call('focus_group', { id }),
    /** Saves the tour as text where the user chooses; resolves to the path, or null if cancelled. */
    exportTour: (tourId) => call('export_tour', { tourId }),
    /** A map's countdown to its target date (the round) with its gaps; null without a date. */
    roundCountdown: (mapId) => call('round_countdown', { mapId }),
    /** Every round still ahead, the soonest first. */
    roundCountdowns: () => call('round_countdowns'),
    /** Drift since the last review: { since, since_review, people }, on one map or (no id) all. */
    roundDrift: (mapId = null) => call('round_drift', { mapId }),
    /** The meeting brief for a 1:1 with a person. */
    meetingBrief: (personId) => call('meeting_brief', { personId }),
    /** Saves the meeting brief as text where the user chooses; resolves to the path or null. */
    exportMeetingBrief: (personId) => call('export_meeting_brief', { personId }),
    /** Saves the user's wins as a CSV file where they choose; resolves to the path, or null if cancelled. */
    exportWinsCsv: () => call('export_wins_csv'),
    /** Every record deleted on its own and not yet removed for good, the latest first. */
    listDeletedRecords: () => call('list_deleted_records'),
    /** Brings back deleted record `id` of `kind` ("person", "map", "favour"…); undoable. */
    bringBackRecord: (kind, id) => call('bring_back_record', { kind, id }),
    /** Removes deleted record `id` of `kind` for good; resolves to what was removed. */
    deleteRecordPermanently: (kind, id) => call('delete_record_permanently', { kind, id }),
    /** Sync: { on, folder, status, problem, computer_name }; status is null while it is off. */
    syncStatus: () => call('sync_status'),
    /** Turns sync on through `folder` with `passphrase` (the same on every computer). */
    syncEnable: (folder, passphrase, deviceName) => call('sync_enable', { folder, passphrase, deviceName }),
    /** Turns sync off on this computer; the folder and the other computers are left as they are. */
    syncDisable: () => call('sync_disable'),
    /** Writes this computer's changes, then applies the others': { pushed, pulled }. */
    syncNow: () => call('sync_now'),
    /** Values a sync overrode, newest first. */
    syncConflicts: () => call('sync_conflicts'),
    /** Puts conflict `id`'s overridden values back; undoable. */
    syncRestoreConflict: (id) => call('sync_restore_conflict', { id }),
    /** Asks for the folder to sync through; resolves to its path, or null if cancelled. */
    chooseSyncFolder: () => call('choose_sync_folder'),
    /** Saves the user's asks as a CSV file where they choose; resolves to the path, or null if cancelled. */
    exportAsksCsv: () => call('export_asks_csv'),
    /**
     * The shell's events after number `after`, once there are any: { cursor, events: [{ name,
     * payload }] } (none after a while); with `after` null, none and the cursor to start from.
     */
    nextEvents: (after) => call('next_events', { after }),
  };
}

const appEventsFromShell = appEvents((after) => api.nextEvents(after));

/**
 * Calls `handler(payload)` on each event `name` from the app ("reminders-changed",
 * "reminder-open", "drag-drop"…) and resolves to its stop(). Outside the app there are none;
 * the returned promise resolves either way.
 */
export async function onAppEvent(name, handler) {
  if (!shellBridge()) return () => {};
  return appEventsFromShell.on(name, handler);
}

/**
 * Tauri's bridge into the shell, which Tauri puts in every page of the app: the `invoke` that
 * its own JavaScript API (`@tauri-apps/api/core`) calls. The page calls it directly, so the
 * 41 KB of that API (and each plugin's) are not put into the page at every start
 * (`withGlobalTauri` is off in tauri.conf.json). Null outside the app.
 */
function shellBridge() {
  const internals = globalThis.__TAURI_INTERNALS__;
  return typeof internals?.invoke === 'function' ? internals : null;
}

function tauriInvoke(command, args) {
  const bridge = shellBridge();
  if (!bridge) {
    return Promise.reject(new Error('the Allies app bridge is not available; open this page inside the Allies app'));
  }
  return bridge.invoke(command, args);
}

export const api = createApi(tauriInvoke);

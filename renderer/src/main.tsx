/**
 * Starts the renderer: one connection to the engine, one store of its state and one of its
 * alarm signals, one alarm sound, one flash clock, one sweep renderer fed with its wave frames,
 * for the lifetime of the page.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AlarmSoundPlayer } from './alarms/audio/AlarmSoundPlayer.js';
import { driveAlarmSound } from './alarms/audio/driveAlarmSound.js';
import { exposeAlarmAudio } from './alarms/audio/exposeAlarmAudio.js';
import { startFlashClock } from './alarms/flash/startFlashClock.js';
import { App } from './App.js';
import { connectStation } from './connection/connectStation.js';
import { AlarmSignalsStore } from './state/AlarmSignalsStore.js';
import { StationStore } from './state/StationStore.js';
import { strings } from './strings.js';
import { exposeSweepDiagnostics } from './waveforms/exposeSweepDiagnostics.js';
import { SweepDiagnostics } from './waveforms/SweepDiagnostics.js';
import { SweepRenderer } from './waveforms/SweepRenderer.js';
import { routeLiveWaves } from './waveforms/WaveFrameRouter.js';

const root = document.getElementById('root');
if (root === null) throw new Error('renderer/index.html has no #root element');
document.title = strings.appTitle;

const connection = connectStation();
const store = new StationStore(connection);
store.start();
const alarmSignals = new AlarmSignalsStore(connection);
alarmSignals.start();
const player = new AlarmSoundPlayer();
driveAlarmSound(alarmSignals, store, player);
exposeAlarmAudio(player, window);
startFlashClock(document.documentElement);
const diagnostics = new SweepDiagnostics();
exposeSweepDiagnostics(diagnostics, window);
const sweep = new SweepRenderer(diagnostics);
routeLiveWaves(connection, store, sweep, diagnostics);

createRoot(root).render(
  <StrictMode>
    <App store={store} alarmSignals={alarmSignals} player={player} sweep={sweep} />
  </StrictMode>,
);

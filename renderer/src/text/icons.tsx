/** Icons of the text view and its read-aloud controls (inline SVG, decorative: every control also says what it does). */
import { Icon, stroke } from '../components/icons.js';

/** Large letters over small ones: the text view. */
export function LargeTextIcon() {
  return (
    <Icon>
      <path {...stroke} d="M2 19 7.5 5h1L14 19" />
      <path {...stroke} d="M4.3 14h7.4" />
      <path {...stroke} d="M15 19l3-8h.5l3 8" />
      <path {...stroke} d="M16 16.5h5" />
    </Icon>
  );
}

export function SpeakerIcon() {
  return (
    <Icon>
      <path {...stroke} d="M4 9.5h3.5L12 5v14l-4.5-4.5H4z" />
      <path {...stroke} d="M15.5 9a4 4 0 0 1 0 6" />
      <path {...stroke} d="M18 6.5a7.5 7.5 0 0 1 0 11" />
    </Icon>
  );
}

export function PauseIcon() {
  return (
    <Icon>
      <path {...stroke} d="M8.5 5v14M15.5 5v14" />
    </Icon>
  );
}

export function PlayIcon() {
  return (
    <Icon>
      <path fill="currentColor" d="M7 4.5v15l12.5-7.5z" />
    </Icon>
  );
}

export function StopIcon() {
  return (
    <Icon>
      <rect fill="currentColor" x="6" y="6" width="12" height="12" rx="1.5" />
    </Icon>
  );
}

export function NextIcon() {
  return (
    <Icon>
      <path {...stroke} d="M5 6l7 6-7 6zM13 6l7 6-7 6z" />
    </Icon>
  );
}

export function PreviousIcon() {
  return (
    <Icon>
      <path {...stroke} d="M19 6l-7 6 7 6zM11 6l-7 6 7 6z" />
    </Icon>
  );
}

export function SpeedIcon() {
  return (
    <Icon>
      <path {...stroke} d="M4.5 17a8 8 0 1 1 15 0" />
      <path {...stroke} d="m12 13 3.5-4" />
    </Icon>
  );
}

export function VoiceIcon() {
  return (
    <Icon>
      <rect {...stroke} x="9" y="3" width="6" height="11" rx="3" />
      <path {...stroke} d="M5.5 11a6.5 6.5 0 0 0 13 0M12 17.5V21" />
    </Icon>
  );
}

export function ListIcon() {
  return (
    <Icon>
      <path {...stroke} d="M9 6h11M9 12h11M9 18h11" />
      <circle fill="currentColor" cx="4.5" cy="6" r="1.3" />
      <circle fill="currentColor" cx="4.5" cy="12" r="1.3" />
      <circle fill="currentColor" cx="4.5" cy="18" r="1.3" />
    </Icon>
  );
}

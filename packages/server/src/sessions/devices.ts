import Bowser from 'bowser';

export interface DeviceInfo {
  /** What a person would call the device: "iPhone", "Windows desktop", "Unknown device". */
  device_name: string;
  /** Browser and major version, e.g. "Chrome 126"; null when the agent is not a known browser. */
  browser: string | null;
  /** Operating system and version, e.g. "macOS 14"; null when unknown. */
  os: string | null;
  /** (ext) The kind of device, for a client to name it in its own language; null when unknown. */
  device_type: DeviceType | null;
  /** (ext) The model when the agent names one ("iPhone", "Pixel 8"); null otherwise. */
  device_model: string | null;
}

export type DeviceType = 'desktop' | 'mobile' | 'tablet' | 'tv';
const TYPES: readonly string[] = ['desktop', 'mobile', 'tablet', 'tv'] satisfies DeviceType[];

const UNKNOWN: DeviceInfo = { device_name: 'Unknown device', browser: null, os: null, device_type: null, device_model: null };

/** Names the device behind a stored user agent, for the session list. Never throws. */
export function describeDevice(userAgent: string | null): DeviceInfo {
  if (!userAgent) return UNKNOWN;
  let parsed: ReturnType<typeof Bowser.parse>;
  try {
    parsed = Bowser.parse(userAgent);
  } catch {
    return UNKNOWN;
  }
  const browser = parsed.browser.name
    ? [parsed.browser.name, parsed.browser.version?.split('.')[0]].filter(Boolean).join(' ')
    : null;
  const osName = parsed.os.name || null;
  const os = osName ? [osName, parsed.os.versionName ?? parsed.os.version].filter(Boolean).join(' ') : null;
  const { model, type } = parsed.platform;
  const device_name = model || (osName && type ? `${osName} ${type}` : osName || (type ? capitalize(type) : UNKNOWN.device_name));
  const device_type = type && TYPES.includes(type) ? type as DeviceType : null;
  return { device_name, browser, os, device_type, device_model: model || null };
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

import { useTheme } from '../app/theme';
import { MoonIcon } from './Icons';

/** A toggle button: "Dark theme", pressed while the dark theme is on. */
export function ThemeToggle() {
  const { theme, setTheme } = useTheme();
  const dark = theme === 'dark';
  return (
    <button
      type="button"
      className="button-icon"
      aria-pressed={dark}
      onClick={() => setTheme(dark ? 'light' : 'dark')}
    >
      <MoonIcon />
      <span className="narrow-hidden">Dark theme</span>
    </button>
  );
}

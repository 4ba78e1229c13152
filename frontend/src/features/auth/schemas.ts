// Client-side checks that mirror the server's rules, so people learn about a mistake before
// submitting. The server stays the judge: its 422 field errors are shown the same way.
import { z } from 'zod';

/** Characters as the server counts them (Unicode scalar values, not UTF-16 units). */
export const charCount = (s: string) => [...s].length;

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

export const emailSchema = z
  .string()
  .trim()
  .min(1, { error: 'Enter your email address.' })
  .pipe(z.email({ error: 'Enter an email address like name@example.org.' }));

export const newPasswordSchema = z
  .string()
  .refine((s) => charCount(s) >= PASSWORD_MIN, {
    error: `Use at least ${PASSWORD_MIN} characters.`,
  })
  .refine((s) => charCount(s) <= PASSWORD_MAX, {
    error: `Use at most ${PASSWORD_MAX} characters.`,
  });

export const handleSchema = z
  .string()
  .trim()
  .min(3, { error: 'A handle has at least 3 characters.' })
  .max(30, { error: 'A handle has at most 30 characters.' })
  .regex(/^[A-Za-z0-9_-]+$/, {
    error: 'Use only letters (a–z), digits, _ and - in a handle.',
  });

export const registerSchema = z.object({
  email: emailSchema,
  handle: handleSchema,
  password: newPasswordSchema,
});
export type RegisterValues = z.infer<typeof registerSchema>;

export const loginSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, { error: 'Enter your password.' }),
});
export type LoginValues = z.infer<typeof loginSchema>;

export const emailOnlySchema = z.object({ email: emailSchema });
export type EmailOnlyValues = z.infer<typeof emailOnlySchema>;

export const newPasswordPairSchema = z
  .object({
    new_password: newPasswordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.new_password === v.confirm, {
    error: 'The two passwords are not the same.',
    path: ['confirm'],
  });
export type NewPasswordPairValues = z.infer<typeof newPasswordPairSchema>;

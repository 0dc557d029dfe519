"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMemo, useState, useSyncExternalStore } from "react";
import { useForm, type DefaultValues, type FieldValues, type Path, type UseFormRegister } from "react-hook-form";
import type { z } from "zod";
import type { ActionResult } from "@/lib/actions/result";

/**
 * react-hook-form wired to a server action through the one shared zod schema: the form
 * validates with it in the browser, the action validates with it again on the server, and
 * the server's field errors (message keys) land on the same fields.
 *
 * Until the form has hydrated its registered fields are read-only (server HTML included): they
 * only work with JavaScript, and react-hook-form writes each field's default value into the
 * input when it attaches. Text typed before that was overwritten or, typed while it attached,
 * mixed with the default ("253.29" + "12.30"). Read-only, not disabled: react-hook-form reads a
 * disabled input as undefined when it attaches.
 */
export function useActionForm<S extends z.ZodType<FieldValues, FieldValues>, T>(
  schema: S,
  action: (input: z.input<S>) => Promise<ActionResult<T>>,
  options: { defaultValues?: DefaultValues<z.input<S>>; onSuccess?: (data: T) => void | Promise<void> } = {},
) {
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver: zodResolver(schema),
    defaultValues: options.defaultValues,
  });
  const [formError, setFormError] = useState<string | null>(null);
  const hydrated = useHydrated();
  const ready = useMemo(() => {
    if (hydrated) return form;
    const register = ((name, opts) => ({ ...form.register(name, opts), readOnly: true })) as UseFormRegister<
      z.input<S>
    >;
    return { ...form, register };
  }, [form, hydrated]);

  const onSubmit = form.handleSubmit(async () => {
    setFormError(null);
    const result = await action(form.getValues());
    if (result.ok) {
      await options.onSuccess?.(result.data);
      return;
    }
    const fields = Object.entries(result.fieldErrors ?? {});
    for (const [name, messages] of fields) {
      if (name === "_form") continue;
      form.setError(name as Path<z.input<S>>, { type: "server", message: messages[0] });
    }
    if (fields.length === 0 || result.fieldErrors?._form)
      setFormError(result.fieldErrors?._form?.[0] ?? result.message);
  });

  /** The message key of a field's first error, for <Field error>. */
  const errorOf = (name: string): string | undefined => {
    const entry = name
      .split(".")
      .reduce<unknown>((acc, k) => (acc as Record<string, unknown> | undefined)?.[k], form.formState.errors);
    return (entry as { message?: string } | undefined)?.message;
  };

  return { form: ready, onSubmit, formError, errorOf, submitting: form.formState.isSubmitting };
}

const noSubscription = () => () => {};

/** False in the server's HTML and while hydrating, true from the render right after hydration. */
function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

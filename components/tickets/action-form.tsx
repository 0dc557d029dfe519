"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { createContext, useContext, useState, type ReactNode } from "react";
import type { ActionResult, FieldErrors } from "@/lib/actions/result";

const ErrorsContext = createContext<FieldErrors>({});

/**
 * A plain <form> posting its FormData (files included) to a server action built with
 * authorizedAction; the server's field errors (message keys) show in <FieldError name>.
 * On success it refreshes the page, or goes to `redirectTo` ("{id}" = the returned id).
 */
export function ActionForm({
  action,
  children,
  redirectTo,
  className,
  testId,
}: {
  action: (fd: FormData) => Promise<ActionResult<{ id: number } | null>>;
  children: ReactNode;
  redirectTo?: string;
  className?: string;
  testId?: string;
}) {
  const router = useRouter();
  const t = useTranslations();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <ErrorsContext.Provider value={errors}>
      <form
        data-testid={testId}
        onSubmit={async (e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const submitter = (e.nativeEvent as SubmitEvent).submitter;
          setBusy(true);
          setFormError(null);
          try {
            // The clicked button's name=value goes along (e.g. accept / reject in one form).
            const result = await action(new FormData(form, submitter));
            if (result.ok) {
              setErrors({});
              form.reset();
              if (redirectTo) router.push(redirectTo.replace("{id}", String(result.data?.id ?? "")));
              else router.refresh();
              return;
            }
            const fe = result.fieldErrors ?? {};
            setErrors(fe);
            if (!Object.keys(fe).length || fe._form) setFormError(fe._form?.[0] ?? result.message);
          } catch (error) {
            // A request that never got an answer (network, server restart): say so instead of doing nothing.
            console.error(error);
            setFormError("errors.internal");
          } finally {
            setBusy(false);
          }
        }}
      >
        <fieldset disabled={busy} className={`m-0 min-w-0 border-0 p-0 ${className ?? ""}`}>
          {children}
        </fieldset>
        {formError ? (
          <p role="alert" className="mt-2 text-sm text-red-600">
            {t(formError)}
          </p>
        ) : null}
      </form>
    </ErrorsContext.Provider>
  );
}

/** The translated server error of one field, right where it is placed. */
export function FieldError({ name }: { name: string }) {
  const errors = useContext(ErrorsContext);
  const t = useTranslations();
  const key = errors[name]?.[0];
  return key ? (
    <p role="alert" className="mt-1 text-sm text-red-600">
      {t(key)}
    </p>
  ) : null;
}

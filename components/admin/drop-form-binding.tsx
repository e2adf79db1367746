import { inputClass } from "@/components/admin/form-field";
import type { DropFormFields, TextFieldKey } from "@/lib/admin/drop-form";

export type FieldKey = keyof DropFormFields;

/** The drop form's state as its field groups see it: values, setters and the error to show. */
export type FieldBinding = {
  fields: DropFormFields;
  set: <K extends FieldKey>(k: K, v: DropFormFields[K]) => void;
  touch: (k: FieldKey) => void;
  shown: (k: FieldKey) => string | undefined;
};

/** Render prop for FormField: a plain text input bound to one field. */
export function textInput(
  form: FieldBinding,
  k: TextFieldKey,
  extra: React.InputHTMLAttributes<HTMLInputElement> = {},
) {
  return function renderInput(a11y: object) {
    return (
      <input
        {...a11y}
        {...extra}
        value={form.fields[k]}
        onChange={(e) => form.set(k, e.target.value)}
        onBlur={() => form.touch(k)}
        className={inputClass}
      />
    );
  };
}

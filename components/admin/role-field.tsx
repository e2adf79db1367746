import { FormField, inputClass } from "@/components/admin/form-field";
import { roles, type Role } from "@/lib/schemas/brand";

/** Picks one of a brand's roles (for an invite, an API token). */
export function RoleField({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: Role;
  onChange: (role: Role) => void;
  error?: string;
}) {
  return (
    <FormField label={label} error={error}>
      {(a11y) => (
        <select
          {...a11y}
          value={value}
          onChange={(e) => onChange(e.target.value as Role)}
          className={inputClass}
        >
          {roles.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}

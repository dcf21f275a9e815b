import { isObject, list, str, stringMap } from '../capi/access.ts';

/** Whether labels match a Kubernetes label selector (matchLabels and matchExpressions); an empty selector matches all. */
export function selectorMatches(selector: unknown, labels: Readonly<Record<string, string>>): boolean {
  if (!isObject(selector)) return false;
  for (const [key, value] of Object.entries(stringMap(selector, 'matchLabels'))) {
    if (labels[key] !== value) return false;
  }
  for (const expression of list(selector, 'matchExpressions')) {
    const key = str(expression, 'key') ?? '';
    const operator = str(expression, 'operator');
    const values = list(expression, 'values').filter((v): v is string => typeof v === 'string');
    const has = Object.hasOwn(labels, key);
    const value = labels[key];
    switch (operator) {
      case 'In':
        if (!has || !values.includes(value ?? '')) return false;
        break;
      case 'NotIn':
        if (has && values.includes(value ?? '')) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

import { typeLabel } from './value-types';

describe('typeLabel', () => {
  it('names every typeOf code and shows the code', () => {
    expect(['N', 'S', 'L', 'A', 'M', 'T', 'J', 'X', 'F', 'H', 'P', 'E', 'R', 'V'].map(typeLabel)).toEqual([
      'Number (N)',
      'String (S)',
      'Bool (L)',
      'Array (A)',
      'Map (M)',
      'Tree node (T)',
      'JSON node (J)',
      'XML node (X)',
      'Function (F)',
      'Host object (H)',
      'Plan (P)',
      'ETL transform (E)',
      'Table (R)',
      'Null (V)',
    ]);
  });

  it('shows an unknown code as it is', () => {
    expect(typeLabel('Q')).toBe('Q');
  });
});

/** The guided path's file (guided.e2e.ts, i18n-guided.e2e.ts). */

/** 400 shop customers: two spending groups, gender and age (sensitive), a campaign response that differs by group. */
export function customersCsv(): string {
  const lines = ['customer_id,first_name,email,gender,age,city,lifestyle,total_spend,orders,response'];
  for (let i = 1; i <= 400; i++) {
    const big = i % 4 === 0;
    const spend = big ? 800 + ((i * 37) % 400) : 60 + ((i * 13) % 140);
    const orders = big ? 12 + (i % 9) : 1 + (i % 4);
    const responded = big ? i % 3 !== 0 : i % 7 === 0;
    lines.push(
      [
        `C${String(i).padStart(4, '0')}`,
        ['Anna', 'Piotr', 'Maria', 'Jan', 'Eva'][i % 5],
        `person${i}@example.org`,
        i % 2 === 0 ? 'F' : 'M',
        String(20 + ((i * 7) % 50)),
        ['Lyon', 'Lille', 'Nice', 'Metz'][i % 4],
        big ? 'premium' : ['family', 'student'][i % 2],
        String(spend),
        String(orders),
        responded ? 'yes' : 'no',
      ].join(','),
    );
  }
  return lines.join('\n') + '\n';
}

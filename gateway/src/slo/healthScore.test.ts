import fc from 'fast-check';
import {
  budgetComponent,
  burnAlertComponent,
  deployComponent,
  fleetHealthScore,
  healthScore,
  incidentComponent,
  saturationComponent,
} from './healthScore';

describe('health score components', () => {
  it('budget: nothing lost with a full budget, the whole weight once it is spent or overspent', () => {
    expect(budgetComponent(1).penalty).toBe(0);
    expect(budgetComponent(0.5).penalty).toBe(15);
    expect(budgetComponent(0).penalty).toBe(30);
    expect(budgetComponent(-2).penalty).toBe(30);
    expect(budgetComponent(null)).toMatchObject({ penalty: 0, detail: 'no traffic in the window' });
  });

  it('burn alerts: a page costs everything, a ticket half', () => {
    expect(burnAlertComponent(0, 0).penalty).toBe(0);
    expect(burnAlertComponent(0, 2).penalty).toBe(13);
    expect(burnAlertComponent(1, 1).penalty).toBe(25);
  });

  it('incidents: a critical one costs the weight, others 10 each up to 20', () => {
    expect(incidentComponent(0, 0).penalty).toBe(0);
    expect(incidentComponent(0, 1).penalty).toBe(10);
    expect(incidentComponent(0, 5).penalty).toBe(20);
    expect(incidentComponent(1, 0).penalty).toBe(25);
  });

  it('saturation: free to 70 %, linear to 95 %', () => {
    expect(saturationComponent(undefined).penalty).toBe(0);
    expect(saturationComponent(60).penalty).toBe(0);
    expect(saturationComponent(82.5).penalty).toBe(5);
    expect(saturationComponent(99).penalty).toBe(10);
  });

  it('deploys: 5 per failed deploy, at most 10', () => {
    expect(deployComponent(0).penalty).toBe(0);
    expect(deployComponent(1).penalty).toBe(5);
    expect(deployComponent(4).penalty).toBe(10);
  });
});

describe('healthScore', () => {
  it('is 100 for a quiet healthy service and 0 when everything is wrong', () => {
    const healthy = {
      worstBudgetRemaining: 1,
      firingPages: 0,
      firingTickets: 0,
      openCriticalIncidents: 0,
      openOtherIncidents: 0,
      saturationPercent: 40,
      failedDeploys: 0,
    };
    expect(healthScore(healthy).score).toBe(100);
    expect(
      healthScore({
        ...healthy,
        worstBudgetRemaining: -1,
        firingPages: 1,
        openCriticalIncidents: 1,
        saturationPercent: 100,
        failedDeploys: 3,
      }).score
    ).toBe(0);
  });

  it('stays within 0..100 and equals 100 minus the shown penalties (property)', () => {
    fc.assert(
      fc.property(
        fc.option(fc.double({ min: -5, max: 1, noNaN: true }), { nil: null }),
        fc.nat(5),
        fc.nat(5),
        fc.nat(5),
        fc.nat(5),
        fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: undefined }),
        fc.nat(5),
        (budget, pages, tickets, critical, other, saturation, failed) => {
          const { score, components } = healthScore({
            worstBudgetRemaining: budget,
            firingPages: pages,
            firingTickets: tickets,
            openCriticalIncidents: critical,
            openOtherIncidents: other,
            saturationPercent: saturation,
            failedDeploys: failed,
          });
          const lost = components.reduce((sum, c) => sum + c.penalty, 0);
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(100);
          expect(score).toBe(Math.max(0, Math.round(100 - lost)));
          for (const c of components) expect(c.penalty).toBeLessThanOrEqual(c.weight);
        }
      )
    );
  });

  it('weights the fleet by tier', () => {
    expect(fleetHealthScore([])).toBeNull();
    expect(
      fleetHealthScore([
        { tier: 1, healthScore: 40 },
        { tier: 3, healthScore: 100 },
      ])
    ).toBe(55);
  });
});

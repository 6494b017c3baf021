# Held-out fixture: written after the engine's first thresholds were fixed. It was consulted once afterwards, when the
# clustering features changed and the join threshold was re-centred (0.16, mid-way in the range perfect on both sets).
TRAIN = [
 dict(id="t1", source="Valley Courier", published="2025-06-02", title="Commuter train derails near Harlow Junction",
  s=[
   ("A commuter train carrying about 300 passengers derailed near Harlow Junction on Monday morning, injuring 27 people.", ["t-derail","t-inj27"]),
   ("Three carriages left the tracks as the train rounded a bend at reduced speed, the rail operator Westline said.", ["t-carriages"]),
   ("Emergency services took the injured to hospitals in Harlow and Pennick.", ["t-hosp"]),
   ("Westline spokeswoman Carla Dunne said the line would stay closed for at least two days.", ["t-closed"]),
   ("\"Our thoughts are with everyone who was hurt this morning,\" Dunne said.", ["t-quote-thoughts"]),
  ]),
 dict(id="t2", source="Daily Ledger", published="2025-06-02", title="27 hurt as Westline train comes off rails at Harlow",
  s=[
   ("Twenty-seven people were hurt when a Westline commuter train derailed outside Harlow Junction early on Monday.", ["t-derail","t-inj27"]),
   ("Passengers described being thrown from their seats as three carriages tipped onto the embankment.", ["t-carriages","t-thrown"]),
   ("The rail safety board has sent investigators to the site.", ["t-board"]),
   ("Board chairman Felix Arden said a broken rail was one possible cause.", ["t-rail-cause"]),
  ]),
 dict(id="t3", source="Northern Star", published="2025-06-04", title="Harlow derailment: investigators find cracked rail",
  s=[
   ("Investigators examining Monday's derailment near Harlow Junction have found a cracked section of rail, the rail safety board said on Wednesday.", ["t-crack"]),
   ("The number of people treated in hospital after the crash has risen to 31.", ["t-inj31"]),
   ("Board chairman Felix Arden said the rail had been inspected in March and passed as safe.", ["t-inspected"]),
   ("\"We need to understand how a crack this size was missed,\" Arden said.", ["t-quote-missed"]),
   ("Westline said the line would reopen on Friday after repairs.", ["t-reopen"]),
  ]),
]

# Distractor: same operator and spokeswoman, different event (fare rise)
FARES = [
 dict(id="u1", source="Daily Ledger", published="2025-06-03", title="Westline to raise fares by 4 percent",
  s=[
   ("Rail operator Westline will raise ticket prices by 4 percent from September, the company said on Tuesday.", ["u-rise"]),
   ("Season tickets between Harlow and the capital will cost 80 crowns more a year.", ["u-season"]),
   ("Spokeswoman Carla Dunne said the money would pay for new carriages.", ["u-carriages"]),
   ("Passenger groups called the increase unfair given recent delays.", ["u-groups"]),
  ]),
]

VOTE = [
 dict(id="v1", source="Northern Star", published="2025-06-05", title="Pennick mayor ousted in no-confidence vote",
  s=[
   ("Pennick city council voted on Thursday to remove Mayor Oskar Lind after a row over the sale of the municipal water company.", ["v-ousted","v-water"]),
   ("The motion passed by 31 votes to 18.", ["v-votes"]),
   ("Lind had backed selling the water company to a private investor for 90 million crowns.", ["v-sale90"]),
   ("\"The council has chosen to stop a deal that would have fixed our finances,\" Lind said after the vote.", ["v-quote-lind"]),
  ]),
 dict(id="v2", source="Valley Courier", published="2025-06-06", title="Council picks interim mayor after Lind's removal",
  s=[
   ("Pennick council named deputy mayor Sara Holt as interim mayor on Friday, a day after Oskar Lind was voted out.", ["v-holt","v-ousted"]),
   ("Lind lost a no-confidence motion by 31 votes to 18 over his plan to sell the city's water utility.", ["v-votes","v-water"]),
   ("Holt said the sale would be cancelled and new elections held in the autumn.", ["v-cancel","v-elections"]),
   ("\"Water belongs to the people of Pennick,\" Holt told reporters.", ["v-quote-holt"]),
  ]),
]

HELDOUT_REFS = {
 "TRAIN": "A Westline commuter train with about 300 passengers derailed near Harlow Junction on Monday when three carriages left the tracks, injuring 27 people, a figure that later rose to 31. The rail safety board found a cracked rail that had passed an inspection in March, and its chairman Felix Arden asked how it was missed. The line is to reopen on Friday after repairs.",
 "VOTE": "Pennick city council removed Mayor Oskar Lind in a no-confidence vote of 31 to 18 after he backed selling the municipal water company to a private investor for 90 million crowns. Deputy mayor Sara Holt was named interim mayor, said the sale would be cancelled and promised new elections in the autumn.",
}
